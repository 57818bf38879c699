import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../shared/access/actor.ts';
import { branchOf, can } from '../../shared/access/actor.ts';
import { INTL_TAG } from '../../shared/i18n/locales.ts';
import { msg, translate } from '../../shared/i18n/translate.ts';
import { maskEmail } from '../../shared/patients/phone.ts';
import { rooms } from '../../shared/realtime/events.ts';
import {
	ZJoinWaitlistInput,
	ZRemoveWaitlistQuery,
	ZWaitlistSlotInput,
	type TimeOfDay,
	type WaitlistBookingDto,
	type WaitlistEntryDto,
	type WaitlistOfferDto
} from '../../shared/scheduling/waitlist.schema.ts';
import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import { open } from '../patients/patient-codec.ts';
import { OutboxBatch, type PayloadSealer } from '../realtime/outbox.ts';
import { patientLocale } from '../patients/patient-locale.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import type { BookingService, FreedTime } from './booking.service.ts';
import { loadSchedulingInput, SERVICE_SELECT, type ServiceRow } from './scheduling-input.ts';
import { checkBookable, findSlots, type SchedulingInput, type Slot } from './slot-finder.ts';
import { localClock, rankMatches, servicesFittingGap, type WaitingEntry } from './waitlist-match.ts';
import { DAY, MINUTE, toOffsetIso } from './zoned-time.ts';
import { isUuid } from '../../shared/ids.ts';

/** How many patients an offer names: enough to choose from, few enough to read at a glance. */
const MAX_MATCHES = 5;
/** Starts tried inside a freed gap when its own start has passed (a no-show at 10:00 noticed at 10:07). */
const GAP_STEP_MINUTES = 5;

interface EntryRow {
	id: string;
	hospital_id: string;
	branch_id: string;
	patient_id: string;
	patient_name: string;
	mrn: string;
	service_id: string;
	service_name: string;
	practitioner_id: string | null;
	practitioner_name: string | null;
	time_of_day: TimeOfDay;
	earliest_day: string | null;
	latest_day: string | null;
	notes: string | null;
	status: WaitlistEntryDto['status'];
	booked_appointment_id: string | null;
	created_at: Date;
	version: number;
	time_zone: string;
}

const ENTRY_SELECT = `select w.id, w.hospital_id, w.branch_id, w.patient_id, p.full_name as patient_name, p.mrn, w.service_id, s.name as service_name,
	w.practitioner_id, u.name as practitioner_name, w.time_of_day, to_char(w.earliest_day, 'YYYY-MM-DD') as earliest_day, to_char(w.latest_day, 'YYYY-MM-DD') as latest_day,
	w.notes, w.status, w.booked_appointment_id, w.created_at, w.version, b.time_zone
	from waitlist_entry w join patient p on p.id = w.patient_id join clinic_service s on s.id = w.service_id
	left join app_user u on u.id = w.practitioner_id join branch b on b.id = w.branch_id`;

function toEntryDto(r: EntryRow): WaitlistEntryDto {
	return {
		id: r.id,
		branchId: r.branch_id,
		patient: { id: r.patient_id, name: r.patient_name, mrn: r.mrn },
		service: { id: r.service_id, name: r.service_name },
		practitioner: r.practitioner_id ? { id: r.practitioner_id, name: r.practitioner_name ?? '' } : null,
		timeOfDay: r.time_of_day,
		earliestDay: r.earliest_day,
		latestDay: r.latest_day,
		notes: r.notes,
		status: r.status,
		bookedAppointmentId: r.booked_appointment_id,
		createdAt: toOffsetIso(new Date(r.created_at).getTime(), r.time_zone),
		version: r.version
	};
}

const toWaiting = (r: EntryRow): WaitingEntry & { row: EntryRow } => ({
	id: r.id,
	patientId: r.patient_id,
	serviceId: r.service_id,
	practitionerId: r.practitioner_id,
	timeOfDay: r.time_of_day,
	earliestDay: r.earliest_day,
	latestDay: r.latest_day,
	createdAt: new Date(r.created_at).getTime(),
	row: r
});

interface BranchRow {
	id: string;
	name: string;
	phone: string | null;
	time_zone: string;
	opening_hours: OpeningHours;
}

/**
 * The waitlist: patients who want an earlier slot for a service (optionally with one
 * practitioner, at a part of the day, between two dates). When the calendar frees a time, the
 * best-matching patients are offered to every desk of the branch at once (`waitlist.offer`), and
 * one click books them through the booking service with all of its rules.
 */
export function createWaitlistService({
	orm,
	afterCommit,
	logger,
	now = Date.now,
	crypto,
	sealer,
	mailer,
	booking
}: ServiceDeps & { crypto: FieldCrypto; sealer: PayloadSealer; mailer: Mailer; booking: () => BookingService }) {
	function requireBranch(actor: Actor, branchId: string, permission: 'appointments:read' | 'appointments:book') {
		if (!isUuid(branchId) || !branchOf(actor, branchId)) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, permission, branchId)) throw new DomainError('FORBIDDEN');
	}

	/** An entry of one of the actor's branches (404 otherwise), with appointments:book there. */
	async function entryForChange(em: EntityManager, actor: Actor, id: string, lock: boolean): Promise<EntryRow> {
		const [row] = isUuid(id) ? await em.execute<EntryRow[]>(`${ENTRY_SELECT} where w.id = ? and w.hospital_id = ?${lock ? ' for update of w' : ''}`, [id, actor.hospitalId]) : [];
		if (!row || !branchOf(actor, row.branch_id)) throw new DomainError('NOT_FOUND', msg('waitlist.errors.notFound'));
		if (!can(actor, 'appointments:book', row.branch_id)) throw new DomainError('FORBIDDEN');
		return row;
	}

	const notWaiting = (row: EntryRow) =>
		new DomainError('UNPROCESSABLE', msg(row.status === 'booked' ? 'waitlist.errors.alreadyBooked' : 'waitlist.errors.removed'), { details: { current: toEntryDto(row) } });

	/** Tell every desk of the branch how the entry stands now (their lists and offer cards follow). */
	async function announce(em: EntityManager, outbox: OutboxBatch, id: string): Promise<WaitlistEntryDto> {
		const [row] = await em.execute<EntryRow[]>(`${ENTRY_SELECT} where w.id = ?`, [id]);
		const dto = toEntryDto(row!);
		await outbox.broadcastSealed(em, sealer, rooms.schedule(dto.branchId), 'waitlist.changed', { entry: dto, version: dto.version });
		return dto;
	}

	/** The slot a service can take inside the freed gap: its own start if still ahead, else the first free start in it. */
	function slotInGap(input: SchedulingInput, freed: FreedTime, at: number): Slot | null {
		const proposal = { practitionerId: freed.practitionerId, roomId: freed.roomId };
		if (freed.start >= at) {
			const check = checkBookable(input, { start: freed.start, ...proposal }, { notBefore: at });
			if (check.ok && check.slot.occupiedUntil <= freed.end) return check.slot;
		}
		const occupancy = (input.service.durationMinutes + (input.service.bufferAfterMinutes ?? 0)) * MINUTE;
		const from = Math.max(freed.start, at);
		const lastStart = freed.end - occupancy;
		if (lastStart < from) return null;
		const [slot] = findSlots(input, { from, to: lastStart + 1, stepMinutes: GAP_STEP_MINUTES, notBefore: at, ...proposal, maxResults: 1 });
		return slot ?? null;
	}

	/**
	 * For each active service that fits the freed gap (length with clean-up, the room's kind, a
	 * practitioner who performs it) and is really bookable there now, the waiting patients who
	 * would take it, best first. Offers come best first too (by their best match).
	 */
	async function computeOffers(em: EntityManager, hospitalId: string, freed: FreedTime): Promise<WaitlistOfferDto[]> {
		if (freed.end <= Math.max(freed.start, now())) return [];
		const entries = await em.execute<EntryRow[]>(`${ENTRY_SELECT} where w.branch_id = ? and w.hospital_id = ? and w.status = 'waiting' order by w.created_at`, [freed.branchId, hospitalId]);
		const waiting = entries.filter((e) => e.patient_id !== freed.patientId).map(toWaiting);
		if (!waiting.length) return [];
		const [branch] = await em.execute<BranchRow[]>('select id, name, phone, time_zone, opening_hours from branch where id = ? and hospital_id = ?', [freed.branchId, hospitalId]);
		const [room] = await em.execute<{ type: string }[]>('select type from room where id = ? and branch_id = ?', [freed.roomId, freed.branchId]);
		if (!branch || !room) return [];
		const serviceIds = [...new Set(waiting.map((w) => w.serviceId))];
		const services = await em.execute<ServiceRow[]>(`${SERVICE_SELECT} where s.hospital_id = ? and s.active and s.id = any(?::uuid[])`, [hospitalId, `{${serviceIds.join(',')}}`]);
		const fitting = servicesFittingGap(
			services.map((s) => ({ id: s.id, durationMinutes: s.duration_minutes, bufferMinutes: s.buffer_minutes, roomType: s.room_type, practitionerIds: s.practitioner_ids, row: s })),
			{ minutes: (freed.end - freed.start) / MINUTE, roomType: room.type, practitionerId: freed.practitionerId }
		);
		const at = now();
		const offers: { offer: WaitlistOfferDto; best: (typeof waiting)[number] }[] = [];
		for (const service of fitting) {
			const input = await loadSchedulingInput(em, { hospitalId, branchId: branch.id, timeZone: branch.time_zone, openingHours: branch.opening_hours }, service.row, {
				from: new Date(freed.start - DAY),
				to: new Date(freed.end + DAY)
			});
			const slot = slotInGap(input, freed, at);
			if (!slot) continue;
			const clock = localClock(slot.start, branch.time_zone);
			let ranked = rankMatches(waiting, { serviceId: service.id, practitionerId: freed.practitionerId, ...clock });
			if (!ranked.length) continue;
			// Nobody is offered a time they are already booked for elsewhere.
			const busy = await em.execute<{ patient_id: string }[]>(
				`select distinct patient_id from appointment where hospital_id = ? and patient_id = any(?::uuid[]) and status not in ('cancelled', 'no-show') and starts_at < ? and ends_at > ?`,
				[hospitalId, `{${ranked.map((r) => r.patientId).join(',')}}`, new Date(slot.end), new Date(slot.start)]
			);
			const taken = new Set(busy.map((b) => b.patient_id));
			ranked = ranked.filter((r) => !taken.has(r.patientId)).slice(0, MAX_MATCHES);
			if (!ranked.length) continue;
			offers.push({
				best: ranked[0]!,
				offer: {
					branchId: branch.id,
					slot: { start: toOffsetIso(slot.start, branch.time_zone), end: toOffsetIso(slot.end, branch.time_zone), practitionerId: slot.practitionerId, roomId: slot.roomId, serviceId: service.id },
					matches: ranked.map((r) => toEntryDto(r.row))
				}
			});
		}
		const exact = (w: WaitingEntry) => (w.practitionerId === freed.practitionerId ? 0 : 1);
		offers.sort((a, b) => exact(a.best) - exact(b.best) || a.best.createdAt - b.best.createdAt);
		return offers.map((o) => o.offer);
	}

	return {
		/** Put a patient on the branch's waitlist for a service; one waiting entry per patient, service and branch. */
		async join(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<WaitlistEntryDto> {
			requireBranch(actor, branchId, 'appointments:book');
			const data = parseInput(ZJoinWaitlistInput, input);
			const outbox = new OutboxBatch();
			const dto = await orm.em.fork().transactional(async (em) => {
				const [branch] = await em.execute<{ time_zone: string }[]>('select time_zone from branch where id = ? and hospital_id = ?', [branchId, actor.hospitalId]);
				if (!branch) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
				const [patient] = await em.execute<{ id: string }[]>('select id from patient where id = ? and hospital_id = ?', [data.patientId, actor.hospitalId]);
				if (!patient) throw new DomainError('VALIDATION_FAILED', msg('waitlist.v.patient'), { fields: { patientId: [msg('waitlist.v.patient')] } });
				const [service] = await em.execute<ServiceRow[]>(`${SERVICE_SELECT} where s.id = ? and s.hospital_id = ? and s.active`, [data.serviceId, actor.hospitalId]);
				if (!service) throw new DomainError('VALIDATION_FAILED', msg('waitlist.v.service'), { fields: { serviceId: [msg('waitlist.v.service')] } });
				if (data.practitionerId && !service.practitioner_ids.includes(data.practitionerId)) {
					throw new DomainError('VALIDATION_FAILED', msg('waitlist.v.practitionerForService'), { fields: { practitionerId: [msg('waitlist.v.practitionerForService')] } });
				}
				const today = localClock(now(), branch.time_zone).date;
				if (data.latestDay && data.latestDay < today) throw new DomainError('VALIDATION_FAILED', msg('waitlist.v.latestPast'), { fields: { latestDay: [msg('waitlist.v.latestPast')] } });
				// No unique index can say "one *waiting* entry": take turns per patient and service instead.
				await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`waitlist:${branchId}:${data.patientId}:${data.serviceId}`]);
				const [existing] = await em.execute<{ id: string }[]>(`select id from waitlist_entry where branch_id = ? and patient_id = ? and service_id = ? and status = 'waiting'`, [
					branchId,
					data.patientId,
					data.serviceId
				]);
				if (existing) {
					const why = msg('waitlist.errors.alreadyWaiting', { service: service.name });
					throw new DomainError('VALIDATION_FAILED', why, { fields: { patientId: [why] }, details: { entryId: existing.id } });
				}
				const [row] = await em.execute<{ id: string }[]>(
					`insert into waitlist_entry (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, time_of_day, earliest_day, latest_day, notes, status, created_by_id, created_at, version)
					 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, now(), 1) returning id`,
					[actor.hospitalId, branchId, data.patientId, data.serviceId, data.practitionerId ?? null, data.timeOfDay, data.earliestDay ?? null, data.latestDay ?? null, data.notes || null, actor.userId]
				);
				const dto = await announce(em, outbox, row!.id);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'waitlist.joined',
					targetType: 'waitlist_entry',
					targetId: dto.id,
					after: { patientId: data.patientId, serviceId: data.serviceId, practitionerId: data.practitionerId ?? null, timeOfDay: data.timeOfDay, earliestDay: data.earliestDay ?? null, latestDay: data.latestDay ?? null },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return dto;
			});
			afterCommit(outbox);
			return dto;
		},

		/** Who is waiting at the branch, longest first. */
		async list(actor: Actor, branchId: string): Promise<{ items: WaitlistEntryDto[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const rows = await orm.em.fork().execute<EntryRow[]>(`${ENTRY_SELECT} where w.branch_id = ? and w.hospital_id = ? and w.status = 'waiting' order by w.created_at, w.id`, [branchId, actor.hospitalId]);
			return { items: rows.map(toEntryDto) };
		},

		/** Take a patient off the waitlist, at the version the desk saw. */
		async remove(actor: Actor, id: string, query: unknown, meta: SessionMeta = {}): Promise<WaitlistEntryDto> {
			const { version } = parseInput(ZRemoveWaitlistQuery, query);
			const outbox = new OutboxBatch();
			const dto = await orm.em.fork().transactional(async (em) => {
				const row = await entryForChange(em, actor, id, true);
				if (row.version !== version) throw new DomainError('STALE_VERSION', msg('waitlist.errors.stale'), { details: { current: toEntryDto(row) } });
				if (row.status !== 'waiting') throw notWaiting(row);
				await em.execute(`update waitlist_entry set status = 'removed', version = version + 1 where id = ?`, [id], 'run');
				const dto = await announce(em, outbox, id);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId: row.branch_id,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'waitlist.removed',
					targetType: 'waitlist_entry',
					targetId: id,
					before: { status: row.status, patientId: row.patient_id, serviceId: row.service_id },
					after: { status: 'removed' },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return dto;
			});
			afterCommit(outbox);
			return dto;
		},

		/** What a freed time could be offered to, without telling anyone (for screens and tests). */
		async offersFor(actor: Actor, freed: FreedTime): Promise<WaitlistOfferDto[]> {
			requireBranch(actor, freed.branchId, 'appointments:read');
			return computeOffers(orm.em.fork(), actor.hospitalId, freed);
		},

		/**
		 * The booking service calls this once a cancel, no-show or move has committed: compute the
		 * offers in a second, small transaction and put them in the outbox for every desk of the
		 * branch. It never fails the change that freed the time; a failure is logged.
		 */
		async offerFreedTime(actor: Actor, freed: FreedTime): Promise<void> {
			try {
				const outbox = new OutboxBatch();
				await orm.em.fork().transactional(async (em) => {
					for (const offer of await computeOffers(em, actor.hospitalId, freed)) {
						await outbox.broadcastSealed(em, sealer, rooms.schedule(freed.branchId), 'waitlist.offer', { offer });
					}
				});
				if (outbox.rows.length) afterCommit(outbox);
			} catch (e) {
				logger.error({ err: { message: (e as Error).message }, branchId: freed.branchId }, 'waitlist offers for a freed time failed');
			}
		},

		/**
		 * Book the patient of an entry into an offered time, through the booking service (every
		 * rule and the exclusion constraints apply), and mark the entry booked. The entry stays
		 * locked while booking, so two desks cannot book one entry twice; it is marked only once
		 * the appointment has committed, so it is never "booked" without one. A time taken
		 * meanwhile answers 409 and leaves the entry waiting.
		 */
		async book(actor: Actor, id: string, input: unknown, meta: SessionMeta = {}): Promise<WaitlistBookingDto> {
			const slot = parseInput(ZWaitlistSlotInput, input);
			const outbox = new OutboxBatch();
			let booked: { id: string; version: number } | null = null;
			const result = await orm.em.fork().transactional(async (em) => {
				const row = await entryForChange(em, actor, id, true);
				if (row.status !== 'waiting') throw notWaiting(row);
				const [room] = await em.execute<{ id: string }[]>('select id from room where id = ? and branch_id = ?', [slot.roomId, row.branch_id]);
				if (!room) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.room'), { fields: { roomId: [msg('scheduling.v.room')] } });
				// Its own transaction (and connection); nothing else is locked here yet, so it cannot wait on us.
				const appointment = await booking().book(
					actor,
					{ patientId: row.patient_id, serviceId: row.service_id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start, ...(row.notes ? { notes: row.notes } : {}) },
					meta
				);
				booked = appointment;
				await em.execute(`update waitlist_entry set status = 'booked', booked_appointment_id = ?, version = version + 1 where id = ?`, [appointment.id, id], 'run');
				const entry = await announce(em, outbox, id);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId: row.branch_id,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'waitlist.booked',
					targetType: 'waitlist_entry',
					targetId: id,
					before: { status: 'waiting' },
					after: { status: 'booked', appointmentId: appointment.id, start: appointment.start },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return { entry, appointment };
			}).catch(async (e: unknown) => {
				// The appointment committed on its own but the entry could not be marked: take the
				// appointment back, so the patient is not booked while still waiting for an offer.
				const made = booked as { id: string; version: number } | null;
				if (made) await booking().cancel(actor, made.id, { reason: 'Waitlist booking could not be completed', version: made.version }, meta).catch(() => undefined);
				throw e;
			});
			afterCommit(outbox);
			return result;
		},

		/**
		 * Email the offered time to the patient, in their language, if they agreed to email. The
		 * desk never sees the address (only masked); the audit trail records that it was sent.
		 */
		async notify(actor: Actor, id: string, input: unknown, meta: SessionMeta = {}): Promise<{ sentTo: string }> {
			const slot = parseInput(ZWaitlistSlotInput, input);
			const start = Date.parse(slot.start);
			return orm.em.fork().transactional(async (em) => {
				const row = await entryForChange(em, actor, id, false);
				if (row.status !== 'waiting') throw notWaiting(row);
				if (start < now()) throw new DomainError('VALIDATION_FAILED', msg('scheduling.problem.in-the-past'), { fields: { start: [msg('scheduling.problem.in-the-past')] } });
				const [branch] = await em.execute<BranchRow[]>('select id, name, phone, time_zone, opening_hours from branch where id = ?', [row.branch_id]);
				const [room] = await em.execute<{ name: string }[]>('select name from room where id = ? and branch_id = ?', [slot.roomId, row.branch_id]);
				if (!room) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.room'), { fields: { roomId: [msg('scheduling.v.room')] } });
				const [practitioner] = await em.execute<{ name: string }[]>('select name from app_user where id = ? and hospital_id = ?', [slot.practitionerId, actor.hospitalId]);
				if (!practitioner) throw new DomainError('VALIDATION_FAILED', msg('scheduling.v.practitioner'), { fields: { practitionerId: [msg('scheduling.v.practitioner')] } });
				const [patient] = await em.execute<{ id: string; full_name: string; email_enc: string | null; consent_email: boolean; preferred_language: string | null; portal_language: string | null }[]>(
					`select p.id, p.full_name, p.email_enc, p.consent_email, p.preferred_language, (select u.language from app_user u where u.patient_id = p.id limit 1) as portal_language
					 from patient p where p.id = ?`,
					[row.patient_id]
				);
				if (!patient!.consent_email) throw new DomainError('UNPROCESSABLE', msg('waitlist.errors.noEmailConsent'));
				const email = open<string>(crypto, patient!.id, 'email', patient!.email_enc);
				if (!email) throw new DomainError('UNPROCESSABLE', msg('waitlist.errors.noEmail'));
				const locale = patientLocale(patient!.preferred_language, patient!.portal_language);
				const when = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: branch!.time_zone, dateStyle: 'full', timeStyle: 'short' }).format(start);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId: row.branch_id,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'waitlist.offer-sent',
					targetType: 'waitlist_entry',
					targetId: id,
					after: { channel: 'email', start: slot.start, practitionerId: slot.practitionerId, roomId: slot.roomId },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				// Inside the transaction: a mail that could not be sent leaves no "sent" in the audit trail.
				await mailer.send({
					to: email,
					subject: translate(locale, 'waitlist.mail.subject', { hospital: actor.hospitalName, service: row.service_name }),
					text: translate(locale, 'waitlist.mail.body', {
						name: patient!.full_name,
						service: row.service_name,
						time: when,
						practitioner: practitioner.name,
						branch: branch!.name,
						phone: branch!.phone ?? '',
						hospital: actor.hospitalName
					})
				});
				return { sentTo: maskEmail(email) };
			});
		}
	};
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
