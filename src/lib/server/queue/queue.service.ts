import type { EntityManager } from '@mikro-orm/postgresql';
import { branchOf, can, type Actor } from '../../shared/access/actor.ts';
import type { Permission } from '../../shared/access/permissions.ts';
import { msg } from '../../shared/i18n/translate.ts';
import {
	TOKEN_PREFIX,
	ZCallInput,
	ZCallNextInput,
	ZCheckInInput,
	ZPriorityInput,
	ZQueueStatusInput,
	ZReorderInput,
	type QueueEntryDto,
	type QueueSnapshot
} from '../../shared/queue/queue.schema.ts';
import { rooms, type QueueAction } from '../../shared/realtime/events.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { notifyUser } from '../notifications/notify.ts';
import { OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { APPOINTMENT_SELECT, toAppointmentDto, type AppointmentRow } from '../scheduling/booking.service.ts';
import { advanceAppointment } from '../scheduling/appointment-progress.ts';
import { boardState, branchToday, lockQueue, loadQueueRows, QUEUE_SELECT, queueSnapshot, toEntries, type QueueRow } from './queue-snapshot.ts';
import { positionBetween } from './queue-waits.ts';
import { isUuid } from '../../shared/ids.ts';

const ACTIVE = new Set(['waiting', 'called', 'in-service']);

/** PostgreSQL's unique_violation on one of the queue's "once only" indexes. */
function uniqueViolation(e: unknown): string | null {
	const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } } | null;
	const code = err?.code ?? err?.cause?.code;
	return code === '23505' ? (err?.constraint ?? err?.cause?.constraint ?? 'unique') : null;
}

/**
 * The branch's waiting queue: check-in issues a token, the practitioner calls the next patient
 * to a room, the visit starts and finishes. Every change reaches reception, the doctors' lists
 * and the waiting-room TV at once (`queue.updated` to the branch, `board.updated` to its boards).
 */
export function createQueueService({ orm, afterCommit, now = Date.now }: ServiceDeps) {
	function requireBranch(actor: Actor, branchId: string, permission: Permission) {
		if (!isUuid(branchId) || !branchOf(actor, branchId)) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, permission, branchId)) throw new DomainError('FORBIDDEN');
	}

	/** An entry of the actor's hospital, locked, at the version they saw. */
	async function lockEntry(em: EntityManager, actor: Actor, id: string, version: number | null, permissions: Permission[]): Promise<QueueRow> {
		const [where] = isUuid(id) ? await em.execute<{ branch_id: string }[]>('select branch_id from queue_entry where id = ? and hospital_id = ?', [id, actor.hospitalId]) : [];
		if (where) await lockQueue(em, where.branch_id);
		const [row] = where ? await em.execute<QueueRow[]>(`${QUEUE_SELECT} where q.id = ? and q.hospital_id = ? for update of q`, [id, actor.hospitalId]) : [];
		if (!row || !branchOf(actor, row.branch_id)) throw new DomainError('NOT_FOUND', msg('queue.errors.notFound'));
		if (!permissions.some((p) => can(actor, p, row.branch_id))) throw new DomainError('FORBIDDEN');
		if (version !== null && row.version !== version) {
			// Its place and expected wait only mean something among the rest of the day's queue.
			const dto = toEntries(await loadQueueRows(em, row.branch_id, row.day), now()).find((e) => e.id === row.id) ?? toEntries([row], now())[0];
			throw new DomainError('STALE_VERSION', msg('queue.errors.stale'), { details: { current: dto } });
		}
		return row;
	}

	/** Someone of this hospital, active, who works at this branch. */
	async function requirePractitioner(em: EntityManager, actor: Actor, branchId: string, practitionerId: string): Promise<void> {
		const [works] = await em.execute<{ ok: number }[]>('select 1 as ok from app_user u where u.id = ? and u.hospital_id = ? and u.active and exists (select 1 from working_hours w where w.user_id = u.id and w.branch_id = ?)', [practitionerId, actor.hospitalId, branchId]);
		if (!works) throw new DomainError('VALIDATION_FAILED', msg('queue.v.practitioner'), { fields: { practitionerId: [msg('queue.v.practitioner')] } });
	}

	async function requireRoom(em: EntityManager, branchId: string, roomId: string): Promise<{ id: string; name: string }> {
		const [room] = await em.execute<{ id: string; name: string; in_service: boolean }[]>('select id, name, in_service from room where id = ? and branch_id = ?', [roomId, branchId]);
		if (!room) throw new DomainError('VALIDATION_FAILED', msg('queue.v.room'), { fields: { roomId: [msg('queue.v.room')] } });
		if (!room.in_service) throw new DomainError('VALIDATION_FAILED', msg('queue.v.roomOutOfService'), { fields: { roomId: [msg('queue.v.roomOutOfService')] } });
		return room;
	}

	/** Tell the branch's screens and its TVs, in the same transaction as the change. */
	async function publish(em: EntityManager, outbox: OutboxBatch, actor: Actor, branchId: string, day: string, entryId: string, action: QueueAction, call: { token: string; room: string } | null = null): Promise<{ entry: QueueEntryDto; queue: QueueSnapshot }> {
		// Already held by the change itself (taking it again is harmless): a snapshot holds every change
		// with a lower number, so "keep the highest seq" on the screens never drops a concurrent change.
		await lockQueue(em, branchId);
		const queue = await queueSnapshot(em, branchId, day, now(), true);
		let entry = queue.entries.find((e) => e.id === entryId);
		if (!entry) {
			// An entry of another day (rare: changed after midnight) is still reported as it stands.
			const [row] = await em.execute<QueueRow[]>(`${QUEUE_SELECT} where q.id = ?`, [entryId]);
			entry = toEntries([row!], now())[0]!;
		}
		await outbox.broadcast(em, rooms.schedule(branchId), 'queue.updated', { action, entry, queue, by: { id: actor.userId, name: actor.name } });
		await outbox.broadcast(em, rooms.board(branchId), 'board.updated', { state: await boardState(em, queue), call });
		return { entry, queue };
	}

	async function audit(em: EntityManager, actor: Actor, branchId: string, action: string, entryId: string, meta: SessionMeta, before?: unknown, after?: unknown) {
		await appendAudit(em, { hospitalId: actor.hospitalId, branchId, actorUserId: actor.userId, actorLabel: actor.name, action: `queue.${action}`, targetType: 'queue_entry', targetId: entryId, before, after, ip: meta.ip, userAgent: meta.userAgent });
	}

	/** Waiting entries of the day in line order (locked), for placing one among them. */
	async function waitingLine(em: EntityManager, branchId: string, day: string): Promise<{ id: string; position: number; priority: boolean }[]> {
		return em.execute(`select id, position, priority from queue_entry where branch_id = ? and day = ? and status = 'waiting' order by position for update`, [branchId, day]);
	}

	/** Where a (re)prioritised entry goes: after the other priority patients, before everyone else. */
	function priorityPosition(line: { id: string; position: number; priority: boolean }[], exceptId: string | null): number {
		const others = line.filter((e) => e.id !== exceptId);
		const lastPriority = [...others].reverse().find((e) => e.priority);
		const firstRegular = others.find((e) => !e.priority && (!lastPriority || e.position > lastPriority.position));
		return positionBetween(lastPriority?.position ?? null, firstRegular?.position ?? null);
	}

	return {
		/** The branch's queue today (or another day), with places and expected waits. */
		async list(actor: Actor, branchId: string, day?: string): Promise<QueueSnapshot> {
			requireBranch(actor, branchId, 'appointments:read');
			const em = orm.em.fork();
			const today = await branchToday(em, branchId);
			const wanted = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : today.day;
			return queueSnapshot(em, branchId, wanted, now(), false);
		},

		/**
		 * Check a patient in, for today's appointment or as a walk-in: a token for the day
		 * (C-014 for a consultation, P-007 for a procedure), a place in the line, the practitioner told.
		 */
		async checkIn(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<QueueEntryDto> {
			requireBranch(actor, branchId, 'queue:manage');
			const data = parseInput(ZCheckInInput, input);
			const outbox = new OutboxBatch();
			try {
				const entry = await orm.em.fork().transactional(async (em) => {
					await lockQueue(em, branchId);
					const { day } = await branchToday(em, branchId);
					const [patient] = await em.execute<{ id: string; full_name: string }[]>('select id, full_name from patient where id = ? and hospital_id = ?', [data.patientId, actor.hospitalId]);
					if (!patient) throw new DomainError('VALIDATION_FAILED', msg('queue.v.patient'), { fields: { patientId: [msg('queue.v.patient')] } });

					let serviceId = data.serviceId ?? null;
					let practitionerId = data.practitionerId ?? null;
					let appointmentId: string | null = null;
					if (data.appointmentId) {
						const [appointment] = await em.execute<{ id: string; patient_id: string; service_id: string; practitioner_id: string; status: string; local_day: string }[]>(
							`select a.id, a.patient_id, a.service_id, a.practitioner_id, a.status, to_char((a.starts_at at time zone b.time_zone)::date, 'YYYY-MM-DD') as local_day
							 from appointment a join branch b on b.id = a.branch_id where a.id = ? and a.branch_id = ?`,
							[data.appointmentId, branchId]
						);
						if (appointment && appointment.patient_id === patient.id) {
							// Checked in already (by another desk, or a second press): the same refusal a race gets.
							const [earlier] = await em.execute<{ token: string }[]>('select token from queue_entry where appointment_id = ?', [appointment.id]);
							if (earlier) throw new DomainError('UNPROCESSABLE', msg('queue.errors.appointmentCheckedIn'), { fields: { appointmentId: [msg('queue.errors.appointmentCheckedIn')] }, details: { token: earlier.token } });
						}
						const problem = !appointment || appointment.patient_id !== patient.id ? 'queue.v.appointment'
							: appointment.local_day !== day ? 'queue.v.appointmentNotToday'
							: !['booked', 'confirmed'].includes(appointment.status) ? 'queue.v.appointmentClosed' : null;
						if (problem) throw new DomainError('VALIDATION_FAILED', msg(problem), { fields: { appointmentId: [msg(problem)] } });
						appointmentId = appointment!.id;
						serviceId = appointment!.service_id;
						practitionerId = appointment!.practitioner_id;
					}
					let category: string | null = null;
					if (serviceId) {
						const [service] = await em.execute<{ category: string }[]>('select category from clinic_service where id = ? and hospital_id = ? and active', [serviceId, actor.hospitalId]);
						if (!service) throw new DomainError('VALIDATION_FAILED', msg('queue.v.service'), { fields: { serviceId: [msg('queue.v.service')] } });
						category = service.category;
					}
					if (practitionerId && !appointmentId) await requirePractitioner(em, actor, branchId, practitionerId);

					const prefix = TOKEN_PREFIX[(category ?? 'walk-in') as keyof typeof TOKEN_PREFIX] ?? 'C';
					const [counter] = await em.execute<{ last: number }[]>(
						`insert into queue_token_counter (branch_id, day, prefix, last) values (?, ?, ?, 1)
						 on conflict (branch_id, day, prefix) do update set last = queue_token_counter.last + 1 returning last`,
						[branchId, day, prefix]
					);
					const number = counter!.last;
					const token = `${prefix}-${String(number).padStart(3, '0')}`;
					const line = await waitingLine(em, branchId, day);
					const position = data.priority ? priorityPosition(line, null) : positionBetween(line.at(-1)?.position ?? null, null);
					const [row] = await em.execute<{ id: string }[]>(
						`insert into queue_entry (id, hospital_id, branch_id, day, token, prefix, number, patient_id, appointment_id, service_id, practitioner_id, status, priority, priority_reason, position, checked_in_at, created_by_id, version)
						 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, now(), ?, 1) returning id`,
						[actor.hospitalId, branchId, day, token, prefix, number, patient.id, appointmentId, serviceId, practitionerId, data.priority ?? false, data.priority ? data.priorityReason! : null, position, actor.userId]
					);
					const id = row!.id;
					await advanceAppointment(em, outbox, actor.userId, appointmentId, 'checked-in', ['booked', 'confirmed']);
					await audit(em, actor, branchId, 'checked-in', id, meta, undefined, { token, appointmentId, priority: data.priority ?? false });
					const { entry } = await publish(em, outbox, actor, branchId, day, id, 'checked-in');
					if (practitionerId && practitionerId !== actor.userId) {
						const [branch] = await em.execute<{ code: string }[]>('select lower(code) as code from branch where id = ?', [branchId]);
						await notifyUser(em, outbox, {
							hospitalId: actor.hospitalId,
							branchId,
							userId: practitionerId,
							kind: 'queue.checked-in',
							params: { token, patient: patient.full_name, waitingFor: entry.service?.name ?? '' },
							link: `/${branch!.code}/my-day`
						});
					}
					return entry;
				});
				afterCommit(outbox);
				return entry;
			} catch (e) {
				const constraint = uniqueViolation(e);
				if (!constraint) throw e;
				const key = constraint.includes('appointment') ? 'queue.errors.appointmentCheckedIn' : 'queue.errors.alreadyWaiting';
				throw new DomainError('UNPROCESSABLE', msg(key), { fields: { [constraint.includes('appointment') ? 'appointmentId' : 'patientId']: [msg(key)] } });
			}
		},

		/**
		 * Call the next patient to a room: the first in line waiting for this practitioner or for
		 * whoever is free. Two practitioners pressing at once get two different patients.
		 */
		async callNext(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<QueueEntryDto> {
			requireBranch(actor, branchId, 'queue:call');
			const data = parseInput(ZCallNextInput, input);
			const practitionerId = data.practitionerId ?? actor.userId;
			const outbox = new OutboxBatch();
			const entry = await orm.em.fork().transactional(async (em) => {
				await lockQueue(em, branchId);
				const { day } = await branchToday(em, branchId);
				const room = await requireRoom(em, branchId, data.roomId);
				// Calling for someone else: they must be someone who works here.
				if (practitionerId !== actor.userId) await requirePractitioner(em, actor, branchId, practitionerId);
				const [next] = await em.execute<{ id: string; token: string }[]>(
					`select id, token from queue_entry where branch_id = ? and day = ? and status = 'waiting' and (practitioner_id = ? or practitioner_id is null)
					 order by position limit 1 for update skip locked`,
					[branchId, day, practitionerId]
				);
				if (!next) throw new DomainError('NOT_FOUND', msg('queue.errors.nobodyWaiting'));
				await em.execute(`update queue_entry set status = 'called', room_id = ?, practitioner_id = ?, called_by_id = ?, called_at = now(), version = version + 1 where id = ?`, [room.id, practitionerId, actor.userId, next.id], 'run');
				await audit(em, actor, branchId, 'called', next.id, meta, undefined, { token: next.token, roomId: room.id });
				return (await publish(em, outbox, actor, branchId, day, next.id, 'called', { token: next.token, room: room.name })).entry;
			});
			afterCommit(outbox);
			return entry;
		},

		/** Call one token to a room, or call it again (the board announces it anew). */
		async call(actor: Actor, entryId: string, input: unknown, meta: SessionMeta = {}): Promise<QueueEntryDto> {
			const data = parseInput(ZCallInput, input);
			const outbox = new OutboxBatch();
			const entry = await orm.em.fork().transactional(async (em) => {
				const row = await lockEntry(em, actor, entryId, data.version, ['queue:call']);
				if (row.status !== 'waiting' && row.status !== 'called') throw new DomainError('UNPROCESSABLE', msg('queue.errors.cannotCall'));
				const room = await requireRoom(em, row.branch_id, data.roomId);
				await em.execute(`update queue_entry set status = 'called', room_id = ?, practitioner_id = coalesce(practitioner_id, ?), called_by_id = ?, called_at = now(), version = version + 1 where id = ?`, [room.id, actor.userId, actor.userId, row.id], 'run');
				await audit(em, actor, row.branch_id, row.status === 'called' ? 'recalled' : 'called', row.id, meta, undefined, { token: row.token, roomId: room.id });
				return (await publish(em, outbox, actor, row.branch_id, row.day, row.id, 'called', { token: row.token, room: room.name })).entry;
			});
			afterCommit(outbox);
			return entry;
		},

		/**
		 * Start (in service) or finish (done) a visit, mark that the patient left, or put a called
		 * patient back in line (they were not there when called).
		 */
		async setStatus(actor: Actor, entryId: string, input: unknown, meta: SessionMeta = {}): Promise<QueueEntryDto> {
			const data = parseInput(ZQueueStatusInput, input);
			const outbox = new OutboxBatch();
			const entry = await orm.em.fork().transactional(async (em) => {
				const clinical = data.status === 'in-service' || data.status === 'done';
				const row = await lockEntry(em, actor, entryId, data.version, clinical ? ['queue:call'] : ['queue:manage', 'queue:call']);
				const allowed: Record<typeof data.status, string[]> = {
					'in-service': ['waiting', 'called'],
					done: ['called', 'in-service'],
					left: ['waiting', 'called'],
					waiting: ['called']
				};
				if (!allowed[data.status].includes(row.status)) throw new DomainError('UNPROCESSABLE', msg('queue.errors.transition', { from: row.status, to: data.status }));
				const set: Record<typeof data.status, string> = {
					'in-service': `status = 'in-service', started_at = now(), practitioner_id = coalesce(practitioner_id, ?)`,
					done: `status = 'done', finished_at = now(), started_at = coalesce(started_at, called_at), practitioner_id = coalesce(practitioner_id, ?)`,
					left: `status = 'left', finished_at = now(), practitioner_id = coalesce(practitioner_id, ?)`,
					waiting: `status = 'waiting', room_id = null, called_at = null, practitioner_id = coalesce(practitioner_id, ?)`
				};
				// Someone put back in line keeps their practitioner only if they had one before being called.
				// (and whoever marks that a patient left did not see them).
				const keep = data.status === 'waiting' || data.status === 'left' ? row.practitioner_id : actor.userId;
				await em.execute(`update queue_entry set ${set[data.status]}, version = version + 1 where id = ?`, [clinical ? actor.userId : keep, row.id], 'run');
				if (data.status === 'in-service') await advanceAppointment(em, outbox, actor.userId, row.appointment_id, 'in-consultation', ['booked', 'confirmed', 'checked-in']);
				if (data.status === 'done') await advanceAppointment(em, outbox, actor.userId, row.appointment_id, 'completed', ['booked', 'confirmed', 'checked-in', 'in-consultation']);
				const action: QueueAction = data.status === 'in-service' ? 'started' : data.status === 'done' ? 'finished' : data.status === 'left' ? 'left' : 'returned';
				await audit(em, actor, row.branch_id, action, row.id, meta, { status: row.status }, { status: data.status });
				return (await publish(em, outbox, actor, row.branch_id, row.day, row.id, action)).entry;
			});
			afterCommit(outbox);
			return entry;
		},

		/** Mark (or unmark) priority, with a reason: the patient goes ahead of everyone without it. */
		async setPriority(actor: Actor, entryId: string, input: unknown, meta: SessionMeta = {}): Promise<QueueEntryDto> {
			const data = parseInput(ZPriorityInput, input);
			const outbox = new OutboxBatch();
			const entry = await orm.em.fork().transactional(async (em) => {
				const row = await lockEntry(em, actor, entryId, data.version, ['queue:manage']);
				if (row.status !== 'waiting') throw new DomainError('UNPROCESSABLE', msg('queue.errors.notWaiting'));
				const line = await waitingLine(em, row.branch_id, row.day);
				const position = data.priority ? priorityPosition(line, row.id) : row.position;
				await em.execute('update queue_entry set priority = ?, priority_reason = ?, position = ?, version = version + 1 where id = ?', [data.priority, data.priority ? data.reason! : null, position, row.id], 'run');
				await audit(em, actor, row.branch_id, 'priority', row.id, meta, { priority: row.priority, reason: row.priority_reason }, { priority: data.priority, reason: data.priority ? data.reason : null });
				return (await publish(em, outbox, actor, row.branch_id, row.day, row.id, 'priority')).entry;
			});
			afterCommit(outbox);
			return entry;
		},

		/** Move a waiting patient to just before another (or to the end of the line). Audited with both places. */
		async reorder(actor: Actor, entryId: string, input: unknown, meta: SessionMeta = {}): Promise<QueueEntryDto> {
			const data = parseInput(ZReorderInput, input);
			const outbox = new OutboxBatch();
			const entry = await orm.em.fork().transactional(async (em) => {
				const row = await lockEntry(em, actor, entryId, data.version, ['queue:manage']);
				if (row.status !== 'waiting') throw new DomainError('UNPROCESSABLE', msg('queue.errors.notWaiting'));
				const line = await waitingLine(em, row.branch_id, row.day);
				const others = line.filter((e) => e.id !== row.id);
				let position: number;
				if (data.beforeId === null) position = positionBetween(others.at(-1)?.position ?? null, null);
				else {
					const at = others.findIndex((e) => e.id === data.beforeId);
					if (at < 0) throw new DomainError('VALIDATION_FAILED', msg('queue.v.entry'), { fields: { beforeId: [msg('queue.v.entry')] } });
					position = positionBetween(others[at - 1]?.position ?? null, others[at]!.position);
				}
				const fromPlace = line.findIndex((e) => e.id === row.id) + 1;
				await em.execute('update queue_entry set position = ?, version = version + 1 where id = ?', [position, row.id], 'run');
				const toPlace = [...others.map((e) => e.position), position].sort((a, b) => a - b).indexOf(position) + 1;
				await audit(em, actor, row.branch_id, 'reordered', row.id, meta, { place: fromPlace }, { place: toPlace });
				return (await publish(em, outbox, actor, row.branch_id, row.day, row.id, 'reordered')).entry;
			});
			afterCommit(outbox);
			return entry;
		},

		/** A practitioner's day: their appointments and who is waiting for them (or for whoever is free). */
		async myDay(actor: Actor, branchId: string): Promise<{ appointments: AppointmentDto[]; queue: QueueSnapshot }> {
			requireBranch(actor, branchId, 'appointments:read');
			const em = orm.em.fork();
			const { day, timeZone } = await branchToday(em, branchId);
			const [appointments, queue] = await Promise.all([
				em.execute<AppointmentRow[]>(
					`${APPOINTMENT_SELECT} where a.branch_id = ? and a.practitioner_id = ? and (a.starts_at at time zone ?)::date = ?::date order by a.starts_at`,
					[branchId, actor.userId, timeZone, day]
				),
				queueSnapshot(em, branchId, day, now(), false)
			]);
			return { appointments: appointments.map(toAppointmentDto), queue };
		},

		/** Today's appointments at the branch still to arrive (booked or confirmed), in time order: reception's check-in list. */
		async arrivals(actor: Actor, branchId: string): Promise<AppointmentDto[]> {
			requireBranch(actor, branchId, 'appointments:read');
			const em = orm.em.fork();
			const { day, timeZone } = await branchToday(em, branchId);
			const rows = await em.execute<AppointmentRow[]>(
				`${APPOINTMENT_SELECT} where a.branch_id = ? and a.status in ('booked', 'confirmed')
				   and a.starts_at >= (?::date)::timestamp at time zone ? and a.starts_at < (?::date + 1)::timestamp at time zone ? order by a.starts_at`,
				[branchId, day, timeZone, day, timeZone]
			);
			return rows.map(toAppointmentDto);
		},

		/** Still in line or with a practitioner (for screens that only want the live part). */
		isActive: (entry: QueueEntryDto) => ACTIVE.has(entry.status)
	};
}

export type QueueService = ReturnType<typeof createQueueService>;
