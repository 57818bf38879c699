import type { EntityManager } from '@mikro-orm/postgresql';
import type { BoardState } from '../../shared/boards/board.schema.ts';
import type { QueueEntryDto, QueueSnapshot } from '../../shared/queue/queue.schema.ts';
import { toOffsetIso } from '../scheduling/zoned-time.ts';
import { expectedWaits, initialsOf, type WaitEntry } from './queue-waits.ts';

export interface QueueRow {
	id: string;
	branch_id: string;
	day: string;
	token: string;
	prefix: string;
	status: QueueEntryDto['status'];
	priority: boolean;
	priority_reason: string | null;
	position: number;
	patient_id: string;
	patient_name: string;
	mrn: string;
	appointment_id: string | null;
	appointment_start: Date | null;
	service_id: string | null;
	service_name: string | null;
	category: NonNullable<QueueEntryDto['service']>['category'] | null;
	duration_minutes: number | null;
	practitioner_id: string | null;
	practitioner_name: string | null;
	room_id: string | null;
	room_name: string | null;
	checked_in_at: Date;
	called_at: Date | null;
	started_at: Date | null;
	finished_at: Date | null;
	version: number;
	time_zone: string;
}

export const QUEUE_SELECT = `select q.id, q.branch_id, to_char(q.day, 'YYYY-MM-DD') as day, q.token, q.prefix, q.status, q.priority, q.priority_reason, q.position,
	q.patient_id, p.full_name as patient_name, p.mrn, q.appointment_id, a.starts_at as appointment_start,
	q.service_id, s.name as service_name, s.category, s.duration_minutes,
	q.practitioner_id, u.name as practitioner_name, q.room_id, r.name as room_name,
	q.checked_in_at, q.called_at, q.started_at, q.finished_at, q.version, b.time_zone
	from queue_entry q join patient p on p.id = q.patient_id join branch b on b.id = q.branch_id
	left join appointment a on a.id = q.appointment_id left join clinic_service s on s.id = q.service_id
	left join app_user u on u.id = q.practitioner_id left join room r on r.id = q.room_id`;

/** Waiting first in line order, then those called or in service, then the day's finished ones (latest first). */
const ORDER = `order by case q.status when 'waiting' then 0 when 'called' then 1 when 'in-service' then 1 else 2 end,
	case when q.status = 'waiting' then q.position end, coalesce(q.finished_at, q.called_at, q.checked_in_at) desc`;

/**
 * Changes to a branch's queue (and anything that broadcasts its snapshot) take turns, from their
 * first statement to commit: a reorder and a priority change at two desks would otherwise lock the
 * waiting line in opposite orders and deadlock, and each snapshot holds every change numbered
 * before it.
 */
export async function lockQueue(em: EntityManager, branchId: string): Promise<void> {
	await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`queue:${branchId}`]);
}

/** The branch's local calendar day now, as the database sees it. */
export async function branchToday(em: EntityManager, branchId: string): Promise<{ day: string; timeZone: string }> {
	const [row] = await em.execute<{ day: string; time_zone: string }[]>(`select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as day, time_zone from branch where id = ?`, [branchId]);
	return { day: row!.day, timeZone: row!.time_zone };
}

export async function loadQueueRows(em: EntityManager, branchId: string, day: string): Promise<QueueRow[]> {
	return em.execute<QueueRow[]>(`${QUEUE_SELECT} where q.branch_id = ? and q.day = ? ${ORDER}`, [branchId, day]);
}

const ms = (d: Date | null) => (d ? new Date(d).getTime() : null);

function toWaitEntry(r: QueueRow): WaitEntry {
	return {
		id: r.id,
		status: r.status,
		practitionerId: r.practitioner_id,
		category: r.category,
		plannedMinutes: r.duration_minutes,
		appointmentStart: ms(r.appointment_start),
		calledAt: ms(r.called_at),
		startedAt: ms(r.started_at),
		finishedAt: ms(r.finished_at)
	};
}

export function toQueueEntryDto(r: QueueRow, place: number | null, expectedWaitMinutes: number | null): QueueEntryDto {
	const iso = (d: Date | null) => (d ? toOffsetIso(new Date(d).getTime(), r.time_zone) : null);
	return {
		id: r.id,
		branchId: r.branch_id,
		day: r.day,
		token: r.token,
		status: r.status,
		priority: r.priority,
		priorityReason: r.priority_reason,
		patient: { id: r.patient_id, name: r.patient_name, mrn: r.mrn },
		appointmentId: r.appointment_id,
		appointmentStart: iso(r.appointment_start),
		service: r.service_id ? { id: r.service_id, name: r.service_name!, category: r.category! } : null,
		practitioner: r.practitioner_id ? { id: r.practitioner_id, name: r.practitioner_name! } : null,
		room: r.room_id ? { id: r.room_id, name: r.room_name! } : null,
		checkedInAt: iso(r.checked_in_at)!,
		calledAt: iso(r.called_at),
		startedAt: iso(r.started_at),
		finishedAt: iso(r.finished_at),
		place,
		expectedWaitMinutes,
		version: r.version
	};
}

/** Rows (in queue order) to entries with places and expected waits. */
export function toEntries(rows: QueueRow[], now: number): QueueEntryDto[] {
	const waits = expectedWaits(rows.map(toWaitEntry), now);
	let place = 0;
	return rows.map((r) => (r.status === 'waiting' ? toQueueEntryDto(r, ++place, waits.get(r.id) ?? null) : toQueueEntryDto(r, null, null)));
}

/**
 * A branch's queue for a day. `fresh` takes a new number from the snapshot sequence (for a
 * broadcast after a change); a plain read reports the latest number handed out.
 */
export async function queueSnapshot(em: EntityManager, branchId: string, day: string, now: number, fresh: boolean): Promise<QueueSnapshot> {
	const [rows, [seq]] = await Promise.all([
		loadQueueRows(em, branchId, day),
		em.execute<{ seq: string }[]>(fresh ? `select nextval('queue_snapshot_seq') as seq` : `select last_value as seq from queue_snapshot_seq`)
	]);
	return { branchId, day, entries: toEntries(rows, now), seq: Number(seq!.seq) };
}

/** What a waiting-room TV shows, derived from the snapshot: tokens and initials only. */
export async function boardState(em: EntityManager, snapshot: QueueSnapshot): Promise<BoardState> {
	const [[branch], notices] = await Promise.all([
		em.execute<{ id: string; name: string; languages: string[]; time_zone: string }[]>('select id, name, languages, time_zone from branch where id = ?', [snapshot.branchId]),
		em.execute<{ id: string; message: string; urgent: boolean }[]>(
			`select id, message, urgent from branch_notice where branch_id = ? and on_board and cleared_at is null and (expires_at is null or expires_at > now()) order by created_at desc limit 5`,
			[snapshot.branchId]
		)
	]);
	const entries = snapshot.entries;
	const calling = entries
		.filter((e) => (e.status === 'called' || e.status === 'in-service') && e.room && e.calledAt)
		.sort((a, b) => Date.parse(b.calledAt!) - Date.parse(a.calledAt!))
		.slice(0, 6)
		.map((e) => ({ token: e.token, initials: initialsOf(e.patient.name), room: e.room!.name, calledAt: e.calledAt! }));
	const waiting = entries.filter((e) => e.status === 'waiting');
	const typical: Record<string, number[]> = {};
	for (const e of waiting) if (e.expectedWaitMinutes !== null) (typical[e.token.split('-')[0]!] ??= []).push(e.expectedWaitMinutes);
	return {
		branch: { id: branch!.id, name: branch!.name, languages: branch!.languages, timeZone: branch!.time_zone },
		day: snapshot.day,
		calling,
		next: waiting.slice(0, 8).map((e) => ({ token: e.token, initials: initialsOf(e.patient.name), expectedWaitMinutes: e.expectedWaitMinutes })),
		typicalWaitMinutes: Object.fromEntries(Object.entries(typical).map(([k, v]) => [k, Math.round(v.reduce((a, b) => a + b, 0) / v.length)])),
		notices,
		seq: snapshot.seq
	};
}
