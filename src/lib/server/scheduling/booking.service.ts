import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../shared/access/actor.ts';
import { branchOf, can } from '../../shared/access/actor.ts';
import { msg, type Msg } from '../../shared/i18n/translate.ts';
import { ZAppointmentQuery, ZBookAppointmentInput, ZCancelInput, ZHoldInput, ZRescheduleInput, ZSlotQuery, ZStatusInput, type AppointmentDto, type HoldDto, type ServiceItem } from '../../shared/scheduling/appointment.schema.ts';
import { BOOKING_CONSTRAINTS, type SlotDto } from '../../shared/scheduling/slot.types.ts';
import { rooms } from '../../shared/realtime/events.ts';
import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { checkBookable, findSlots, nearestAlternatives, toSlotDto } from './slot-finder.ts';
import { loadSchedulingInput, SERVICE_SELECT, type ServiceRow } from './scheduling-input.ts';
import { toOffsetIso } from './zoned-time.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STEP_MINUTES = 15;
const DAY = 86_400_000;
/** How long a slot stays held while a receptionist completes a booking. */
export const HOLD_MS = 2 * 60_000;
const CLOSED = new Set(['cancelled', 'completed', 'no-show']);

interface BranchRow {
	id: string;
	hospital_id: string;
	time_zone: string;
	opening_hours: OpeningHours;
}

interface AppointmentRow {
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

const APPOINTMENT_SELECT = `select a.id, a.branch_id, a.patient_id, p.full_name as patient_name, p.mrn, a.service_id, s.name as service_name, s.category, s.duration_minutes,
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

/** PostgreSQL's exclusion_violation: the database refused an overlap the application let through. */
function isOverlap(e: unknown): e is { code: string; constraint?: string } {
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

export function createBookingService({ orm, afterCommit, now = Date.now }: ServiceDeps) {
	/** The slot finder's refusal as a domain error: 409 with alternatives when only taken, else field errors. */
	function refusal(scheduling: Parameters<typeof nearestAlternatives>[0], problems: { code: keyof typeof BOOKING_CONSTRAINTS }[], proposal: { start: number; practitionerId: string; roomId: string }, timeZone: string): DomainError {
		const fields: Record<string, Msg[]> = {};
		for (const p of problems) (fields[BOOKING_CONSTRAINTS[p.code]] ??= []).push(msg(`scheduling.problem.${p.code}`));
		if (problems.every((p) => p.code.endsWith('-busy'))) {
			const alternatives = nearestAlternatives(scheduling, proposal, { stepMinutes: STEP_MINUTES, k: 3, notBefore: now() });
			return new DomainError('SLOT_TAKEN', msg('scheduling.errors.taken'), { fields, details: { taken: problems.map((p) => p.code), alternatives: alternatives.map((s) => toSlotDto(s, timeZone)) } });
		}
		return new DomainError('VALIDATION_FAILED', msg('scheduling.errors.notBookable'), { fields });
	}

	async function loadAppointment(em: EntityManager, actor: Actor, id: string, lock = false): Promise<AppointmentRow> {
		const [row] = UUID.test(id) ? await em.execute<AppointmentRow[]>(`${APPOINTMENT_SELECT} where a.id = ? and a.hospital_id = ?${lock ? ' for update of a' : ''}`, [id, actor.hospitalId]) : [];
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
		await outbox.broadcast(em, rooms.branch(row!.branch_id), 'appointment.changed', { appointment: dto, version: dto.version });
		return dto;
	}

	function requireBranch(actor: Actor, branchId: string, permission: 'appointments:read' | 'appointments:book') {
		if (!UUID.test(branchId) || !branchOf(actor, branchId)) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, permission, branchId)) throw new DomainError('FORBIDDEN');
	}

	async function loadBranch(em: EntityManager, actor: Actor, branchId: string): Promise<BranchRow> {
		const [row] = await em.execute<BranchRow[]>('select id, hospital_id, time_zone, opening_hours from branch where id = ? and hospital_id = ?', [branchId, actor.hospitalId]);
		if (!row) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		return row;
	}

	async function loadService(em: EntityManager, actor: Actor, serviceId: string): Promise<ServiceRow> {
		const [row] = UUID.test(serviceId) ? await em.execute<ServiceRow[]>(`${SERVICE_SELECT} where s.id = ? and s.hospital_id = ? and s.active`, [serviceId, actor.hospitalId]) : [];
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
		 * Book practitioner, room and devices in one transaction. The slot finder's rules give
		 * field-level reasons; the exclusion constraints are the last word when two desks race.
		 */
		async book(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<AppointmentDto> {
			const data = parseInput(ZBookAppointmentInput, input);
			const outbox = new OutboxBatch();
			const em0 = orm.em.fork();
			const [room] = UUID.test(data.roomId) ? await em0.execute<{ branch_id: string }[]>('select branch_id from room where id = ? and hospital_id = ?', [data.roomId, actor.hospitalId]) : [];
			if (!room) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.room'), { fields: { roomId: [msg('scheduling.v.room')] } });
			requireBranch(actor, room.branch_id, 'appointments:book');
			const branchId = room.branch_id;
			const start = Date.parse(data.start);
			try {
				const appointment = await orm.em.fork().transactional(async (em) => {
					const branch = await loadBranch(em, actor, branchId);
					const service = await loadService(em, actor, data.serviceId);
					const [patient] = await em.execute<{ id: string }[]>('select id from patient where id = ? and hospital_id = ?', [data.patientId, actor.hospitalId]);
					if (!patient) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.patient'), { fields: { patientId: [msg('scheduling.v.patient')] } });
					const window = { from: new Date(start - DAY), to: new Date(start + 2 * DAY) };
					const scheduling = await loadSchedulingInput(em, { hospitalId: actor.hospitalId, branchId, timeZone: branch.time_zone, openingHours: branch.opening_hours }, service, window, { exceptHoldsOf: actor.userId });
					const check = checkBookable(scheduling, { start, practitionerId: data.practitionerId, roomId: data.roomId, ...(data.deviceIds ? { deviceIds: data.deviceIds } : {}) }, { notBefore: now() });
					if (!check.ok) throw refusal(scheduling, check.problems, { start, practitionerId: data.practitionerId, roomId: data.roomId }, branch.time_zone);
					const slot = check.slot;
					const id = randomUUID();
					await em.execute(
						`insert into appointment (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, room_id, starts_at, ends_at, busy_until, status, notes, created_by_id, created_at, updated_at, version)
						 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, now(), now(), 1)`,
						[id, actor.hospitalId, branchId, data.patientId, service.id, data.practitionerId, data.roomId, new Date(slot.start), new Date(slot.end), new Date(slot.occupiedUntil), data.notes ?? null, actor.userId],
						'run'
					);
					for (const deviceId of slot.deviceIds) {
						await em.execute('insert into appointment_device (appointment_id, device_id, starts_at, busy_until, active) values (?, ?, ?, ?, true)', [id, deviceId, new Date(slot.start), new Date(slot.occupiedUntil)], 'run');
					}
					// The booking desk's own hold for this slot has done its job.
					await em.execute('delete from slot_hold where held_by_id = ? and branch_id = ? and starts_at = ?', [actor.userId, branchId, new Date(slot.start)], 'run');
					await em.execute(`insert into appointment_event (appointment_id, kind, after, by_id, at) values (?, 'booked', ?, ?, now())`, [id, JSON.stringify({ start: data.start, practitionerId: data.practitionerId, roomId: data.roomId }), actor.userId], 'run');
					await appendAudit(em, { hospitalId: actor.hospitalId, branchId, actorUserId: actor.userId, actorLabel: actor.name, action: 'appointment.booked', targetType: 'appointment', targetId: id, ip: meta.ip, userAgent: meta.userAgent });
					const [row] = await em.execute<AppointmentRow[]>(`${APPOINTMENT_SELECT} where a.id = ?`, [id]);
					const dto = toAppointmentDto(row!);
					await outbox.broadcast(em, rooms.branch(branchId), 'appointment.changed', { appointment: dto, version: dto.version });
					return dto;
				});
				afterCommit(outbox);
				return appointment;
			} catch (e) {
				if (!isOverlap(e)) throw e;
				// Another desk won the race between our check and our insert: the database said no.
				// Offer what is free now instead.
				const em = orm.em.fork();
				const branch = await loadBranch(em, actor, branchId);
				const service = await loadService(em, actor, data.serviceId);
				const scheduling = await loadSchedulingInput(em, { hospitalId: actor.hospitalId, branchId, timeZone: branch.time_zone, openingHours: branch.opening_hours }, service, { from: new Date(start - DAY), to: new Date(start + 2 * DAY) }, { exceptHoldsOf: actor.userId });
				const alternatives = nearestAlternatives(scheduling, { start, practitionerId: data.practitionerId, roomId: data.roomId }, { stepMinutes: STEP_MINUTES, k: 3, notBefore: now() });
				throw new DomainError('SLOT_TAKEN', msg('scheduling.errors.taken'), { details: { taken: ['overlap'], alternatives: alternatives.map((s) => toSlotDto(s, branch.time_zone)) } });
			}
		}
,

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
			try {
				const dto = await orm.em.fork().transactional(async (em) => {
					const current = await lockForChange(em, actor, id, data.version);
					const branch = await loadBranch(em, actor, current.branch_id);
					const service = await loadService(em, actor, current.service_id);
					const start = data.start ? Date.parse(data.start) : new Date(current.starts_at).getTime();
					const practitionerId = data.practitionerId ?? current.practitioner_id;
					const roomId = data.roomId ?? current.room_id;
					const duration = data.durationMinutes ?? Math.round((new Date(current.ends_at).getTime() - new Date(current.starts_at).getTime()) / 60_000);
					const scheduling = await loadSchedulingInput(em, { hospitalId: actor.hospitalId, branchId: current.branch_id, timeZone: branch.time_zone, openingHours: branch.opening_hours }, { ...service, duration_minutes: duration }, { from: new Date(start - DAY), to: new Date(start + 2 * DAY) }, { exceptHoldsOf: actor.userId, exceptAppointment: id });
					const check = checkBookable(scheduling, { start, practitionerId, roomId }, { notBefore: now() });
					if (!check.ok) throw refusal(scheduling, check.problems, { start, practitionerId, roomId }, branch.time_zone);
					const slot = check.slot;
					await em.execute('update appointment set starts_at = ?, ends_at = ?, busy_until = ?, practitioner_id = ?, room_id = ?, updated_at = now(), version = version + 1 where id = ?', [new Date(slot.start), new Date(slot.end), new Date(slot.occupiedUntil), practitionerId, roomId, id], 'run');
					await em.execute('delete from appointment_device where appointment_id = ?', [id], 'run');
					for (const deviceId of slot.deviceIds) {
						await em.execute('insert into appointment_device (appointment_id, device_id, starts_at, busy_until, active) values (?, ?, ?, ?, true)', [id, deviceId, new Date(slot.start), new Date(slot.occupiedUntil)], 'run');
					}
					const before = { start: toOffsetIso(new Date(current.starts_at).getTime(), branch.time_zone), practitionerId: current.practitioner_id, roomId: current.room_id, durationMinutes: Math.round((new Date(current.ends_at).getTime() - new Date(current.starts_at).getTime()) / 60_000) };
					const after = { start: toOffsetIso(slot.start, branch.time_zone), practitionerId, roomId, durationMinutes: duration };
					return recordChange(em, outbox, actor, id, 'rescheduled', before, after, meta);
				});
				afterCommit(outbox);
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
				for (const r of released) await outbox.broadcast(em, rooms.branch(r.branch_id), 'hold.changed', { holdId: r.id, hold: null });
				const [row] = await em.execute<{ id: string }[]>(
					`insert into slot_hold (id, hospital_id, branch_id, practitioner_id, room_id, service_id, starts_at, busy_until, held_by_id, created_at, expires_at)
					 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, now(), now() + (? * interval '1 millisecond')) returning id`,
					[actor.hospitalId, branchId, data.practitionerId, data.roomId, service.id, new Date(check.slot.start), new Date(check.slot.occupiedUntil), actor.userId, HOLD_MS]
				);
				const [hold] = await em.execute<HoldRow[]>(`${HOLD_SELECT} where h.id = ?`, [row!.id]);
				const dto = toHoldDto(hold!);
				await outbox.broadcast(em, rooms.branch(branchId), 'hold.changed', { holdId: dto.id, hold: dto });
				return dto;
			});
			afterCommit(outbox);
			return dto;
		},

		/** Let go of one's own hold (booking releases it too; otherwise it expires by itself). */
		async releaseHold(actor: Actor, holdId: string): Promise<void> {
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				const [row] = UUID.test(holdId) ? await em.execute<{ branch_id: string }[]>('delete from slot_hold where id = ? and held_by_id = ? returning branch_id', [holdId, actor.userId]) : [];
				if (!row) throw new DomainError('NOT_FOUND', msg('scheduling.errors.holdNotFound'));
				await outbox.broadcast(em, rooms.branch(row.branch_id), 'hold.changed', { holdId, hold: null });
			});
			afterCommit(outbox);
		}
	};
}

export type BookingService = ReturnType<typeof createBookingService>;
