import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../shared/access/actor.ts';
import { branchOf, can } from '../../shared/access/actor.ts';
import { msg, type Msg } from '../../shared/i18n/translate.ts';
import { ZAppointmentQuery, ZBookAppointmentInput, ZBookSeriesInput, ZCancelInput, ZHoldInput, ZRescheduleInput, ZSlotQuery, ZStatusInput, type AppointmentDto, type BookedSeriesDto, type HoldDto, type SeriesClash, type ServiceItem } from '../../shared/scheduling/appointment.schema.ts';
import { BOOKING_CONSTRAINTS, type SlotDto } from '../../shared/scheduling/slot.types.ts';
import { rooms } from '../../shared/realtime/events.ts';
import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import { appendAudit, auditAppendStatements } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { OutboxBatch, outboxRowStatement } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { checkBookable, findSlots, nearestAlternatives, toSlotDto } from './slot-finder.ts';
import type { BookingCheck, SchedulingInput, Slot } from './slot-finder.ts';
import { alternativesWindow, appointmentInsert, checkWindow, insertAppointment, isDeadlock, loadBookingCheck, loadBookingContext, resourceLocks, seriesStarts, type BookingContext } from './booking-write.ts';
import { BEGIN, COMMIT, COMMIT_WITHOUT_WAITING, runInOneRoundTrip } from '../db/one-round-trip.ts';
import { loadSchedulingInput, SERVICE_SELECT, type ServiceRow } from './scheduling-input.ts';
import { toOffsetIso } from './zoned-time.ts';
import { isUuid } from '../../shared/ids.ts';

const STEP_MINUTES = 15;
const DAY = 86_400_000;
/** How long a slot stays held while a receptionist completes a booking (SLOT_HOLD_SECONDS). */
export const HOLD_MS = 2 * 60_000;
const CLOSED = new Set(['cancelled', 'completed', 'no-show']);

interface BranchRow {
	id: string;
	hospital_id: string;
	time_zone: string;
	opening_hours: OpeningHours;
}

export interface AppointmentRow {
	id: string;
	branch_id: string;
	patient_id: string;
	patient_name: string;
	mrn: string;
	service_id: string;
	service_name: string;
	category: AppointmentDto['service']['category'];
	duration_minutes: number;
	practitioner_id: string;
	practitioner_name: string;
	room_id: string;
	room_name: string;
	device_ids: string[];
	starts_at: Date;
	ends_at: Date;
	busy_until: Date;
	status: AppointmentDto['status'];
	notes: string | null;
	version: number;
	time_zone: string;
}

export const APPOINTMENT_SELECT = `select a.id, a.branch_id, a.patient_id, p.full_name as patient_name, p.mrn, a.service_id, s.name as service_name, s.category, s.duration_minutes,
	a.practitioner_id, u.name as practitioner_name, a.room_id, r.name as room_name,
	coalesce(array(select d.device_id::text from appointment_device d where d.appointment_id = a.id and d.active order by d.device_id), '{}') as device_ids,
	a.starts_at, a.ends_at, a.busy_until, a.status, a.notes, a.version, b.time_zone
	from appointment a join patient p on p.id = a.patient_id join clinic_service s on s.id = a.service_id join app_user u on u.id = a.practitioner_id
	join room r on r.id = a.room_id join branch b on b.id = a.branch_id`;

export function toAppointmentDto(r: AppointmentRow): AppointmentDto {
	const iso = (d: Date) => toOffsetIso(new Date(d).getTime(), r.time_zone);
	return {
		id: r.id,
		branchId: r.branch_id,
		patient: { id: r.patient_id, name: r.patient_name, mrn: r.mrn },
		service: { id: r.service_id, name: r.service_name, category: r.category, durationMinutes: r.duration_minutes },
		practitioner: { id: r.practitioner_id, name: r.practitioner_name },
		room: { id: r.room_id, name: r.room_name },
		deviceIds: r.device_ids,
		start: iso(r.starts_at),
		end: iso(r.ends_at),
		busyUntil: iso(r.busy_until),
		status: r.status,
		notes: r.notes,
		version: r.version
	};
}

/** The DTO of an appointment just inserted, from what the booking already read: no second SELECT. */
function bookedDto(ctx: BookingContext & { service: ServiceRow; patient: { name: string; mrn: string } }, id: string, patientId: string, slot: Slot, notes: string | null): AppointmentDto {
	return toAppointmentDto({
		id,
		branch_id: ctx.branchId,
		patient_id: patientId,
		patient_name: ctx.patient.name,
		mrn: ctx.patient.mrn,
		service_id: ctx.service.id,
		service_name: ctx.service.name,
		category: ctx.service.category as AppointmentDto['service']['category'],
		duration_minutes: ctx.service.duration_minutes,
		practitioner_id: slot.practitionerId,
		practitioner_name: ctx.practitionerName ?? '',
		room_id: slot.roomId,
		room_name: ctx.roomName,
		// As APPOINTMENT_SELECT lists them: by id.
		device_ids: slot.deviceIds.map((d) => d.toLowerCase()).sort(),
		starts_at: new Date(slot.start),
		ends_at: new Date(slot.end),
		busy_until: new Date(slot.occupiedUntil),
		status: 'booked',
		notes,
		version: 1,
		time_zone: ctx.timeZone
	});
}

/** PostgreSQL's exclusion_violation: the database refused an overlap the application let through. */
export function isOverlap(e: unknown): e is { code: string; constraint?: string } {
	const err = e as { code?: string; cause?: { code?: string } } | null;
	return err?.code === '23P01' || err?.cause?.code === '23P01';
}

interface HoldRow {
	id: string;
	branch_id: string;
	practitioner_id: string;
	room_id: string;
	starts_at: Date;
	busy_until: Date;
	held_by_id: string;
	held_by_name: string;
	expires_at: Date;
	time_zone: string;
}

const HOLD_SELECT = `select h.id, h.branch_id, h.practitioner_id, h.room_id, h.starts_at, h.busy_until, h.held_by_id, u.name as held_by_name, h.expires_at, b.time_zone
	from slot_hold h join app_user u on u.id = h.held_by_id join branch b on b.id = h.branch_id`;

function toHoldDto(r: HoldRow): HoldDto {
	const iso = (d: Date) => toOffsetIso(new Date(d).getTime(), r.time_zone);
	return {
		id: r.id,
		branchId: r.branch_id,
		practitionerId: r.practitioner_id,
		roomId: r.room_id,
		start: iso(r.starts_at),
		busyUntil: iso(r.busy_until),
		heldBy: { id: r.held_by_id, name: r.held_by_name },
		expiresAt: iso(r.expires_at)
	};
}

/** Time a cancel, no-show or move left free (with its clean-up): the waitlist may offer it. */
export interface FreedTime {
	branchId: string;
	practitionerId: string;
	roomId: string;
	start: number;
	end: number;
	/** Whose appointment it was: not offered their own time back. */
	patientId?: string;
}

export const freedTimeOf = (a: AppointmentDto): FreedTime => ({ branchId: a.branchId, practitionerId: a.practitioner.id, roomId: a.room.id, start: Date.parse(a.start), end: Date.parse(a.busyUntil), patientId: a.patient.id });

/** `onTimeFreed` runs after the change that freed the time has committed (the waitlist's offers); it must not throw. */
export function createBookingService({ orm, afterCommit, config, now = Date.now, onTimeFreed }: ServiceDeps & { onTimeFreed?: (actor: Actor, freed: FreedTime) => Promise<void> }) {
	const holdMs = config.slotHoldMs;
	/** The slot finder's refusal as a domain error: 409 with alternatives when only taken, else field errors. */
	function refusal(
		scheduling: Parameters<typeof nearestAlternatives>[0],
		problems: { code: keyof typeof BOOKING_CONSTRAINTS }[],
		proposal: { start: number; practitionerId: string; roomId: string },
		timeZone: string,
		/** Already found by the caller (see alternativesNear); otherwise looked for in `scheduling`. */
		found?: Slot[]
	): DomainError {
		const fields: Record<string, Msg[]> = {};
		for (const p of problems) (fields[BOOKING_CONSTRAINTS[p.code]] ??= []).push(msg(`scheduling.problem.${p.code}`));
		if (problems.every((p) => p.code.endsWith('-busy'))) {
			// Within a day either side: the window every caller reads (alternativesWindow), so each time offered was seen free.
			const alternatives = found ?? nearestAlternatives(scheduling, proposal, { stepMinutes: STEP_MINUTES, k: 3, notBefore: now(), withinMinutes: 1440 });
			return new DomainError('SLOT_TAKEN', msg('scheduling.errors.taken'), { fields, details: { taken: problems.map((p) => p.code), alternatives: alternatives.map((s) => toSlotDto(s, timeZone)) } });
		}
		return new DomainError('VALIDATION_FAILED', msg('scheduling.errors.notBookable'), { fields });
	}

	/**
	 * The nearest free times for a refused single booking (same practitioner, any suitable room),
	 * read narrowly: two hours either side first, which usually holds three, and a day either side
	 * only if not. Each time offered lies inside what was read, so it was seen free.
	 */
	async function alternativesNear(actor: Actor, ids: { roomId: string; serviceId: string; patientId: string; practitionerId: string }, start: number, service: ServiceRow): Promise<Slot[]> {
		const occupancy = service.duration_minutes + service.buffer_minutes;
		const proposal = { start, practitionerId: ids.practitionerId, roomId: ids.roomId };
		let found: Slot[] = [];
		for (const radius of [120, 1440]) {
			const window = { from: new Date(start - radius * 60_000), to: new Date(start + (radius + occupancy) * 60_000) };
			const around = (await loadBookingCheck(orm, actor.hospitalId, ids, window, actor.userId, 'suitable'))?.scheduling;
			if (!around) return [];
			found = nearestAlternatives(around, proposal, { stepMinutes: STEP_MINUTES, k: 3, notBefore: now(), withinMinutes: radius });
			if (found.length >= 3) break;
		}
		return found;
	}

	async function loadAppointment(em: EntityManager, actor: Actor, id: string, lock = false): Promise<AppointmentRow> {
		const [row] = isUuid(id) ? await em.execute<AppointmentRow[]>(`${APPOINTMENT_SELECT} where a.id = ? and a.hospital_id = ?${lock ? ' for update of a' : ''}`, [id, actor.hospitalId]) : [];
		if (!row || !branchOf(actor, row.branch_id)) throw new DomainError('NOT_FOUND', msg('scheduling.errors.notFound'));
		return row;
	}

	/** The appointment, locked for a change by someone who may book at its branch, at the version they saw, still open. */
	async function lockForChange(em: EntityManager, actor: Actor, id: string, version: number): Promise<AppointmentRow> {
		const current = await loadAppointment(em, actor, id, true);
		if (!can(actor, 'appointments:book', current.branch_id)) throw new DomainError('FORBIDDEN');
		if (current.version !== version) throw new DomainError('STALE_VERSION', msg('scheduling.errors.stale'), { details: { current: toAppointmentDto(current) } });
		if (CLOSED.has(current.status)) throw new DomainError('UNPROCESSABLE', msg('scheduling.errors.closed'));
		return current;
	}

	/** Append to the appointment's history, audit it, and tell every screen of the branch. */
	async function recordChange(em: EntityManager, outbox: OutboxBatch, actor: Actor, id: string, kind: string, before: unknown, after: unknown, meta: SessionMeta): Promise<AppointmentDto> {
		await em.execute('insert into appointment_event (appointment_id, kind, before, after, by_id, at) values (?, ?, ?, ?, ?, now())', [id, kind, JSON.stringify(before), JSON.stringify(after), actor.userId], 'run');
		const [row] = await em.execute<AppointmentRow[]>(`${APPOINTMENT_SELECT} where a.id = ?`, [id]);
		await appendAudit(em, { hospitalId: actor.hospitalId, branchId: row!.branch_id, actorUserId: actor.userId, actorLabel: actor.name, action: `appointment.${kind}`, targetType: 'appointment', targetId: id, before, after, ip: meta.ip, userAgent: meta.userAgent });
		const dto = toAppointmentDto(row!);
		await outbox.broadcast(em, rooms.schedule(row!.branch_id), 'appointment.changed', { appointment: dto, version: dto.version });
		return dto;
	}

	function requireBranch(actor: Actor, branchId: string, permission: 'appointments:read' | 'appointments:book') {
		if (!isUuid(branchId) || !branchOf(actor, branchId)) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, permission, branchId)) throw new DomainError('FORBIDDEN');
	}

	async function loadBranch(em: EntityManager, actor: Actor, branchId: string): Promise<BranchRow> {
		const [row] = await em.execute<BranchRow[]>('select id, hospital_id, time_zone, opening_hours from branch where id = ? and hospital_id = ?', [branchId, actor.hospitalId]);
		if (!row) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		return row;
	}

	async function loadService(em: EntityManager, actor: Actor, serviceId: string): Promise<ServiceRow> {
		const [row] = isUuid(serviceId) ? await em.execute<ServiceRow[]>(`${SERVICE_SELECT} where s.id = ? and s.hospital_id = ? and s.active`, [serviceId, actor.hospitalId]) : [];
		if (!row) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.service'), { fields: { serviceId: [msg('scheduling.v.service')] } });
		return row;
	}

	const toServiceItem = (s: ServiceRow): ServiceItem => ({
		id: s.id,
		name: s.name,
		category: s.category as ServiceItem['category'],
		durationMinutes: s.duration_minutes,
		bufferMinutes: s.buffer_minutes,
		pricePaise: s.price_paise,
		taxRateBp: s.tax_rate_bp,
		roomType: s.room_type,
		deviceTypes: s.device_types,
		practitionerIds: s.practitioner_ids
	});

	return {
		async services(actor: Actor, branchId: string): Promise<{ items: ServiceItem[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const rows = await orm.em.fork().execute<ServiceRow[]>(`${SERVICE_SELECT} where s.hospital_id = ? and s.active order by s.category, s.name`, [actor.hospitalId]);
			return { items: rows.map(toServiceItem) };
		},

		async rooms(actor: Actor, branchId: string) {
			requireBranch(actor, branchId, 'appointments:read');
			const rows = await orm.em.fork().execute<{ id: string; name: string; type: string; in_service: boolean; out_of_service_reason: string | null }[]>(
				'select id, name, type, in_service, out_of_service_reason from room where branch_id = ? and hospital_id = ? order by sort_order, name',
				[branchId, actor.hospitalId]
			);
			return { items: rows.map((r) => ({ id: r.id, name: r.name, type: r.type, inService: r.in_service, outOfServiceReason: r.out_of_service_reason })) };
		},

		/** Staff who work at the branch (working hours there) or may perform a service. */
		async practitioners(actor: Actor, branchId: string) {
			requireBranch(actor, branchId, 'appointments:read');
			const rows = await orm.em.fork().execute<{ id: string; name: string; service_ids: string[] }[]>(
				`select u.id, u.name, coalesce(array(select sp.service_id::text from service_practitioner sp where sp.user_id = u.id), '{}') as service_ids
				 from app_user u where u.hospital_id = ? and u.active and u.patient_id is null
				   and exists (select 1 from working_hours w where w.user_id = u.id and w.branch_id = ?)
				 order by u.name`,
				[actor.hospitalId, branchId]
			);
			return { items: rows.map((r) => ({ id: r.id, name: r.name, serviceIds: r.service_ids })) };
		},

		/** Free slots for a service, in time order. */
		async slots(actor: Actor, branchId: string, query: unknown): Promise<{ items: SlotDto[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const q = parseInput(ZSlotQuery, query);
			const em = orm.em.fork();
			const branch = await loadBranch(em, actor, branchId);
			const service = await loadService(em, actor, q.serviceId);
			const from = new Date(q.from);
			const to = new Date(q.to);
			const input = await loadSchedulingInput(em, { hospitalId: actor.hospitalId, branchId, timeZone: branch.time_zone, openingHours: branch.opening_hours }, service, { from, to: new Date(to.getTime() + DAY) }, { exceptHoldsOf: actor.userId });
			const found = findSlots(input, {
				from: from.getTime(),
				to: to.getTime(),
				stepMinutes: STEP_MINUTES,
				notBefore: now(),
				maxResults: q.limit,
				...(q.practitionerId ? { practitionerId: q.practitionerId } : {}),
				...(q.roomId ? { roomId: q.roomId } : {})
			});
			return { items: found.map((s) => toSlotDto(s, branch.time_zone)) };
		},

		/**
		 * Book practitioner, room and devices. The slot finder's rules give field-level reasons; the
		 * exclusion constraints are the last word when two desks race. Two round trips after the
		 * session's: one read of everything the check needs (loadBookingCheck), and one transaction
		 * sent whole (runInOneRoundTrip) that writes the appointment, its devices and history, the
		 * screens' event and the audit row. The audit chain's lock is taken last, so bookings at once
		 * wait for each other only while the audit row is appended and committed.
		 */
		async book(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<AppointmentDto> {
			const data = parseInput(ZBookAppointmentInput, input);
			const start = Date.parse(data.start);
			// The room decides the branch, and with it whose permission counts; so it is read first,
			// within the actor's hospital, and nothing read is shown to anyone before the check passes.
			const read = await loadBookingCheck(orm, actor.hospitalId, data, checkWindow(start), actor.userId);
			if (!read) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.room'), { fields: { roomId: [msg('scheduling.v.room')] } });
			const { context: ctx, scheduling } = read;
			requireBranch(actor, ctx.branchId, 'appointments:book');
			const { service, patient } = ctx;
			if (!service || !scheduling) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.service'), { fields: { serviceId: [msg('scheduling.v.service')] } });
			if (!patient) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.patient'), { fields: { patientId: [msg('scheduling.v.patient')] } });
			const branchId = ctx.branchId;
			const proposal = { start, practitionerId: data.practitionerId, roomId: data.roomId };
			const check = checkBookable(scheduling, { ...proposal, ...(data.deviceIds ? { deviceIds: data.deviceIds } : {}) }, { notBefore: now() });
			if (!check.ok) {
				// Free times nearby need the picture around the proposal, not just the proposal: read it only now.
				const onlyTaken = check.problems.every((p) => p.code.endsWith('-busy'));
				throw refusal(scheduling, check.problems, proposal, ctx.timeZone, onlyTaken ? await alternativesNear(actor, data, start, service) : []);
			}
			const slot = check.slot;
			const id = randomUUID();
			const dto = bookedDto({ ...ctx, service, patient }, id, data.patientId, slot, data.notes ?? null);
			const branchRoom = rooms.schedule(branchId);
			const outbox = new OutboxBatch();
			const locks = resourceLocks([slot]);
			const event = outboxRowStatement(branchRoom, 'appointment.changed', { appointment: dto, version: dto.version });
			const write = async () => {
				const audit = auditAppendStatements({ hospitalId: actor.hospitalId, branchId, actorUserId: actor.userId, actorLabel: actor.name, action: 'appointment.booked', targetType: 'appointment', targetId: id, ip: meta.ip, userAgent: meta.userAgent });
				const statements = [
					BEGIN,
					// Nobody is answered before the WAL is flushed: the audit ping's commit after this one waits for it.
					COMMIT_WITHOUT_WAITING,
					...locks,
					appointmentInsert({
						id,
						hospitalId: actor.hospitalId,
						branchId,
						patientId: data.patientId,
						serviceId: service.id,
						slot,
						notes: data.notes ?? null,
						seriesId: null,
						byUserId: actor.userId,
						event: { start: data.start, practitionerId: data.practitionerId, roomId: data.roomId }
					}),
					event,
					audit.lock,
					audit.append,
					COMMIT,
					audit.ping
				];
				const results = await runInOneRoundTrip(orm, statements);
				return results[statements.indexOf(event)]![0] as { id: string; created_at: string };
			};
			try {
				// Nothing was written when a deadlock was broken; the other side has committed or gone by the retry.
				const written = await write().catch((e: unknown) => (isDeadlock(e) ? write() : Promise.reject(e)));
				outbox.written(written, branchRoom, 'appointment.changed', { appointment: dto, version: dto.version });
			} catch (e) {
				if (!isOverlap(e)) throw e;
				// Another desk won the race between our check and our insert: the database said no,
				// and nothing was written. Offer what is free now instead.
				const alternatives = await alternativesNear(actor, data, start, service);
				throw new DomainError('SLOT_TAKEN', msg('scheduling.errors.taken'), { details: { taken: ['overlap'], alternatives: alternatives.map((s) => toSlotDto(s, ctx.timeZone)) } });
			}
			afterCommit(outbox);
			return dto;
		},

		/**
		 * A course booked as one: `count` sessions `everyWeeks` apart at the first one's time of
		 * day, in one transaction under one series id, or none at all. Each session meets the same
		 * rules as a single booking (and the same exclusion constraints); a refusal names every
		 * session that cannot be booked, with its reasons and the nearest free times around it, so
		 * the desk can move just those and try again.
		 */
		async bookSeries(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<BookedSeriesDto> {
			const data = parseInput(ZBookSeriesInput, input);
			const ctx = await loadBookingContext(orm.em.fork(), actor.hospitalId, data);
			if (!ctx) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.room'), { fields: { roomId: [msg('scheduling.v.room')] } });
			requireBranch(actor, ctx.branchId, 'appointments:book');
			const { service, patient } = ctx;
			if (!service) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.service'), { fields: { serviceId: [msg('scheduling.v.service')] } });
			if (!patient) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.patient'), { fields: { patientId: [msg('scheduling.v.patient')] } });
			const at = { hospitalId: actor.hospitalId, branchId: ctx.branchId, timeZone: ctx.timeZone, openingHours: ctx.openingHours };
			const starts = seriesStarts(Date.parse(data.start), data.count, data.everyWeeks, ctx.timeZone);
			const proposal = (start: number) => ({ start, practitionerId: data.practitionerId, roomId: data.roomId });

			/** Every session against what the database holds now (inside `em`'s transaction, if it has one). */
			const checkAll = async (em: EntityManager) => {
				const checks: { start: number; scheduling: SchedulingInput; check: BookingCheck }[] = [];
				for (const start of starts) {
					const scheduling = await loadSchedulingInput(em, at, service, alternativesWindow(start), { exceptHoldsOf: actor.userId });
					checks.push({ start, scheduling, check: checkBookable(scheduling, proposal(start), { notBefore: now() }) });
				}
				return checks;
			};
			/** 409 when every refused session is only taken, else 400; either way each one with its reasons and alternatives. */
			const refusalOf = (checks: Awaited<ReturnType<typeof checkAll>>): DomainError | null => {
				const clashes: SeriesClash[] = [];
				const fields: Record<string, Msg[]> = {};
				checks.forEach((c, index) => {
					if (c.check.ok) return;
					const problems = [...new Set(c.check.problems.map((p) => p.code))];
					fields[`sessions.${index}`] = problems.map((code) => msg(`scheduling.problem.${code}`));
					// Within the day either side that was read, so every time offered is really free.
					const alternatives = nearestAlternatives(c.scheduling, proposal(c.start), { stepMinutes: STEP_MINUTES, k: 3, notBefore: now(), withinMinutes: 1440 });
					clashes.push({ index, start: toOffsetIso(c.start, ctx.timeZone), problems, alternatives: alternatives.map((s) => toSlotDto(s, ctx.timeZone)) });
				});
				if (!clashes.length) return null;
				const sessions = clashes.map((c) => c.index + 1).join(', ');
				const taken = clashes.every((c) => c.problems.every((p) => p.endsWith('-busy')));
				return new DomainError(taken ? 'SLOT_TAKEN' : 'VALIDATION_FAILED', msg(taken ? 'scheduling.series.taken' : 'scheduling.series.notBookable', { sessions, count: clashes.length }), { fields, details: { clashes } });
			};

			let outbox = new OutboxBatch();
			const attempt = () => {
				outbox = new OutboxBatch();
				return orm.em.fork().transactional(async (em) => {
					// Other bookings of this practitioner and room wait until this series is in or out,
					// so every session is checked against the same picture.
					for (const lock of resourceLocks([{ practitionerId: data.practitionerId, roomId: data.roomId, deviceIds: [] }], ['practitioner', 'room'])) await em.execute(lock.sql, lock.params);
					const checks = await checkAll(em);
					const refused = refusalOf(checks);
					if (refused) throw refused;
					const seriesId = randomUUID();
					const items: AppointmentDto[] = [];
					const slots = checks.flatMap((c) => (c.check.ok ? [c.check.slot] : []));
					for (const lock of resourceLocks(slots, ['device'])) await em.execute(lock.sql, lock.params);
					for (const [index, c] of checks.entries()) {
						if (!c.check.ok) continue;
						const slot = c.check.slot;
						const id = randomUUID();
						await insertAppointment(em, {
							id,
							hospitalId: actor.hospitalId,
							branchId: ctx.branchId,
							patientId: data.patientId,
							serviceId: service.id,
							slot,
							notes: data.notes ?? null,
							seriesId,
							byUserId: actor.userId,
							event: { start: toOffsetIso(slot.start, ctx.timeZone), practitionerId: data.practitionerId, roomId: data.roomId, seriesId, session: index + 1, of: data.count }
						});
						items.push(bookedDto({ ...ctx, service, patient }, id, data.patientId, slot, data.notes ?? null));
					}
					for (const dto of items) await outbox.broadcast(em, rooms.schedule(ctx.branchId), 'appointment.changed', { appointment: dto, version: dto.version });
					for (const [index, dto] of items.entries()) {
						await appendAudit(em, { hospitalId: actor.hospitalId, branchId: ctx.branchId, actorUserId: actor.userId, actorLabel: actor.name, action: 'appointment.booked', targetType: 'appointment', targetId: dto.id, after: { seriesId, session: index + 1, of: data.count }, ip: meta.ip, userAgent: meta.userAgent });
					}
					return { seriesId, items };
				});
			};
			try {
				// A deadlock rolled everything back; the retry checks every session again.
				const booked = await attempt().catch((e: unknown) => (isDeadlock(e) ? attempt() : Promise.reject(e)));
				afterCommit(outbox);
				return booked;
			} catch (e) {
				if (!isOverlap(e)) throw e;
				// Another desk took one of these times between our check and our insert, and the whole
				// series rolled back. Say which sessions clash now.
				throw refusalOf(await checkAll(orm.em.fork())) ?? new DomainError('SLOT_TAKEN', msg('scheduling.errors.taken'), { details: { clashes: [] } });
			}
		},

		/** The branch's appointments and live holds between two instants, for calendars. */
		async list(actor: Actor, branchId: string, query: unknown): Promise<{ items: AppointmentDto[]; holds: HoldDto[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const q = parseInput(ZAppointmentQuery, query);
			const em = orm.em.fork();
			const [appointments, holds] = await Promise.all([
				em.execute<AppointmentRow[]>(`${APPOINTMENT_SELECT} where a.branch_id = ? and a.hospital_id = ? and a.starts_at < ? and a.busy_until > ? order by a.starts_at`, [branchId, actor.hospitalId, q.to, q.from]),
				em.execute<HoldRow[]>(`${HOLD_SELECT} where h.branch_id = ? and h.expires_at > now() and h.starts_at < ? and h.busy_until > ? order by h.starts_at`, [branchId, q.to, q.from])
			]);
			return { items: appointments.map(toAppointmentDto), holds: holds.map(toHoldDto) };
		},

		/**
		 * Move (another time, practitioner or room) or resize. The same rules as booking, with the
		 * appointment itself left out of what is busy; a stale version answers 409 with how it stands.
		 */
		async reschedule(actor: Actor, id: string, input: unknown, meta: SessionMeta = {}): Promise<AppointmentDto> {
			const data = parseInput(ZRescheduleInput, input);
			const outbox = new OutboxBatch();
			const left: { time?: FreedTime } = {};
			try {
				const dto = await orm.em.fork().transactional(async (em) => {
					const current = await lockForChange(em, actor, id, data.version);
					const branch = await loadBranch(em, actor, current.branch_id);
					const service = await loadService(em, actor, current.service_id);
					const start = data.start ? Date.parse(data.start) : new Date(current.starts_at).getTime();
					const practitionerId = data.practitionerId ?? current.practitioner_id;
					const roomId = data.roomId ?? current.room_id;
					const duration = data.durationMinutes ?? Math.round((new Date(current.ends_at).getTime() - new Date(current.starts_at).getTime()) / 60_000);
					// The same lock order as booking, so a move racing a booking is refused (23P01), never deadlocked.
					for (const lock of resourceLocks([{ practitionerId, roomId, deviceIds: [] }], ['practitioner', 'room'])) await em.execute(lock.sql, lock.params);
					const scheduling = await loadSchedulingInput(em, { hospitalId: actor.hospitalId, branchId: current.branch_id, timeZone: branch.time_zone, openingHours: branch.opening_hours }, { ...service, duration_minutes: duration }, { from: new Date(start - DAY), to: new Date(start + 2 * DAY) }, { exceptHoldsOf: actor.userId, exceptAppointment: id });
					const check = checkBookable(scheduling, { start, practitionerId, roomId }, { notBefore: now() });
					if (!check.ok) throw refusal(scheduling, check.problems, { start, practitionerId, roomId }, branch.time_zone);
					const slot = check.slot;
					for (const lock of resourceLocks([slot], ['device'])) await em.execute(lock.sql, lock.params);
					await em.execute('update appointment set starts_at = ?, ends_at = ?, busy_until = ?, practitioner_id = ?, room_id = ?, updated_at = now(), version = version + 1 where id = ?', [new Date(slot.start), new Date(slot.end), new Date(slot.occupiedUntil), practitionerId, roomId, id], 'run');
					await em.execute('delete from appointment_device where appointment_id = ?', [id], 'run');
					for (const deviceId of slot.deviceIds) {
						await em.execute('insert into appointment_device (appointment_id, device_id, starts_at, busy_until, active) values (?, ?, ?, ?, true)', [id, deviceId, new Date(slot.start), new Date(slot.occupiedUntil)], 'run');
					}
					const before = { start: toOffsetIso(new Date(current.starts_at).getTime(), branch.time_zone), practitionerId: current.practitioner_id, roomId: current.room_id, durationMinutes: Math.round((new Date(current.ends_at).getTime() - new Date(current.starts_at).getTime()) / 60_000) };
					const after = { start: toOffsetIso(slot.start, branch.time_zone), practitionerId, roomId, durationMinutes: duration };
					left.time = freedTimeOf(toAppointmentDto(current));
					return recordChange(em, outbox, actor, id, 'rescheduled', before, after, meta);
				});
				afterCommit(outbox);
				if (left.time) await onTimeFreed?.(actor, left.time);
				return dto;
			} catch (e) {
				if (!isOverlap(e)) throw e;
				throw new DomainError('SLOT_TAKEN', msg('scheduling.errors.taken'), { details: { taken: ['overlap'], alternatives: [] } });
			}
		},

		/** Cancel with a reason: the time is free again at once, and the history keeps it. */
		async cancel(actor: Actor, id: string, input: unknown, meta: SessionMeta = {}): Promise<AppointmentDto> {
			const data = parseInput(ZCancelInput, input);
			const outbox = new OutboxBatch();
			const dto = await orm.em.fork().transactional(async (em) => {
				const current = await lockForChange(em, actor, id, data.version);
				await em.execute(`update appointment set status = 'cancelled', cancel_reason = ?, updated_at = now(), version = version + 1 where id = ?`, [data.reason, id], 'run');
				await em.execute('update appointment_device set active = false where appointment_id = ?', [id], 'run');
				return recordChange(em, outbox, actor, id, 'cancelled', { status: current.status }, { status: 'cancelled', reason: data.reason }, meta);
			});
			afterCommit(outbox);
			await onTimeFreed?.(actor, freedTimeOf(dto));
			return dto;
		},

		async setStatus(actor: Actor, id: string, input: unknown, meta: SessionMeta = {}): Promise<AppointmentDto> {
			const data = parseInput(ZStatusInput, input);
			const outbox = new OutboxBatch();
			const dto = await orm.em.fork().transactional(async (em) => {
				const current = await lockForChange(em, actor, id, data.version);
				await em.execute('update appointment set status = ?, updated_at = now(), version = version + 1 where id = ?', [data.status, id], 'run');
				// A no-show frees its devices too (the exclusion constraints ignore no-shows).
				if (data.status === 'no-show') await em.execute('update appointment_device set active = false where appointment_id = ?', [id], 'run');
				return recordChange(em, outbox, actor, id, 'status_changed', { status: current.status }, { status: data.status }, meta);
			});
			afterCommit(outbox);
			if (data.status === 'no-show') await onTimeFreed?.(actor, freedTimeOf(dto));
			return dto;
		},

		async history(actor: Actor, id: string) {
			const em = orm.em.fork();
			await loadAppointment(em, actor, id);
			return em.execute<{ kind: string; before: unknown; after: unknown; by_name: string | null; at: Date }[]>(
				'select e.kind, e.before, e.after, u.name as by_name, e.at from appointment_event e left join app_user u on u.id = e.by_id where e.appointment_id = ? order by e.id',
				[id]
			);
		},

		/**
		 * Hold a slot while booking: every other desk sees it held, and nobody else can book over
		 * it until it is booked, released or expires. One hold per person at a time.
		 */
		async hold(actor: Actor, branchId: string, input: unknown): Promise<HoldDto> {
			requireBranch(actor, branchId, 'appointments:book');
			const data = parseInput(ZHoldInput, input);
			const outbox = new OutboxBatch();
			const dto = await orm.em.fork().transactional(async (em) => {
				const branch = await loadBranch(em, actor, branchId);
				const service = await loadService(em, actor, data.serviceId);
				const start = Date.parse(data.start);
				const scheduling = await loadSchedulingInput(em, { hospitalId: actor.hospitalId, branchId, timeZone: branch.time_zone, openingHours: branch.opening_hours }, service, { from: new Date(start - DAY), to: new Date(start + 2 * DAY) }, { exceptHoldsOf: actor.userId });
				const check = checkBookable(scheduling, { start, practitionerId: data.practitionerId, roomId: data.roomId }, { notBefore: now() });
				if (!check.ok) throw refusal(scheduling, check.problems, { start, practitionerId: data.practitionerId, roomId: data.roomId }, branch.time_zone);
				const released = await em.execute<HoldRow[]>(`delete from slot_hold where held_by_id = ? returning id, branch_id`, [actor.userId]);
				for (const r of released) await outbox.broadcast(em, rooms.schedule(r.branch_id), 'hold.changed', { holdId: r.id, hold: null });
				const [row] = await em.execute<{ id: string }[]>(
					`insert into slot_hold (id, hospital_id, branch_id, practitioner_id, room_id, service_id, starts_at, busy_until, held_by_id, created_at, expires_at)
					 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, now(), now() + (? * interval '1 millisecond')) returning id`,
					[actor.hospitalId, branchId, data.practitionerId, data.roomId, service.id, new Date(check.slot.start), new Date(check.slot.occupiedUntil), actor.userId, holdMs]
				);
				const [hold] = await em.execute<HoldRow[]>(`${HOLD_SELECT} where h.id = ?`, [row!.id]);
				const dto = toHoldDto(hold!);
				await outbox.broadcast(em, rooms.schedule(branchId), 'hold.changed', { holdId: dto.id, hold: dto });
				return dto;
			});
			afterCommit(outbox);
			return dto;
		},

		/** Let go of one's own hold (booking releases it too; otherwise it expires by itself). */
		async releaseHold(actor: Actor, holdId: string): Promise<void> {
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				const [row] = isUuid(holdId) ? await em.execute<{ branch_id: string }[]>('delete from slot_hold where id = ? and held_by_id = ? returning branch_id', [holdId, actor.userId]) : [];
				if (!row) throw new DomainError('NOT_FOUND', msg('scheduling.errors.holdNotFound'));
				await outbox.broadcast(em, rooms.schedule(row.branch_id), 'hold.changed', { holdId, hold: null });
			});
			afterCommit(outbox);
		}
	};
}

export type BookingService = ReturnType<typeof createBookingService>;
