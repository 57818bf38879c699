import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { executePrepared, inlinePrepared, runInOneRoundTrip, type PreparedStatement, type Statement } from '../db/one-round-trip.ts';
import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import type { SchedulingInput, Slot } from './slot-finder.ts';
import { buildSchedulingInput, SERVICE_SELECT, type SchedulingRows, type ServiceRow } from './scheduling-input.ts';
import { offsetAt } from './zoned-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** `?` placeholders as `$1`, `$2`…, for a statement PostgreSQL prepares once per connection. */
function numbered(sql: string): string {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Everything a booking needs to know before it checks the slot, read in one round trip: the
 * room's branch (which decides whose permission counts), the branch's clock and hours, the
 * service, and the names an appointment is shown with. `null` when the room is not the hospital's.
 */
export interface BookingContext {
	branchId: string;
	timeZone: string;
	openingHours: OpeningHours;
	roomName: string;
	/** `null` when the service is not the hospital's or not offered any more. */
	service: ServiceRow | null;
	/** `null` when the patient is not the hospital's. */
	patient: { name: string; mrn: string } | null;
	/** `null` when no such user; whether they may perform the service is the slot finder's call. */
	practitionerName: string | null;
}

/** The context columns both reads below select, as they come back. */
type BookingContextRow = { branch_id: string; room_name: string; time_zone: string; opening_hours: OpeningHours; service: ServiceRow | null; patient: { name: string; mrn: string } | null; practitioner_name: string | null };

function contextOf(row: BookingContextRow): BookingContext {
	return {
		branchId: row.branch_id,
		timeZone: row.time_zone,
		openingHours: row.opening_hours,
		roomName: row.room_name,
		service: row.service,
		patient: row.patient,
		practitionerName: row.practitioner_name
	};
}

export async function loadBookingContext(em: EntityManager, hospitalId: string, ids: { roomId: string; serviceId: string; patientId: string; practitionerId: string }): Promise<BookingContext | null> {
	const [row] = await em.execute<BookingContextRow[]>(
		`select r.branch_id, r.name as room_name, b.time_zone, b.opening_hours,
		   (select row_to_json(x) from (${SERVICE_SELECT} where s.id = ? and s.hospital_id = ? and s.active) x) as service,
		   (select json_build_object('name', p.full_name, 'mrn', p.mrn) from patient p where p.id = ? and p.hospital_id = ?) as patient,
		   (select u.name from app_user u where u.id = ? and u.hospital_id = ?) as practitioner_name
		 from room r join branch b on b.id = r.branch_id and b.hospital_id = r.hospital_id
		 where r.id = ? and r.hospital_id = ?`,
		[ids.serviceId, hospitalId, ids.patientId, hospitalId, ids.practitionerId, hospitalId, ids.roomId, hospitalId]
	);
	return row ? contextOf(row) : null;
}

type BookingCheckRow = BookingContextRow & SchedulingRows;

const overlapping = (table: string) => `tstzrange(${table}.starts_at, ${table}.busy_until) && tstzrange(?::timestamptz, ?::timestamptz)`;

/** loadBookingCheck's read; its values in the order loadBookingCheck lists them. */
const BOOKING_CHECK: PreparedStatement = {
	name: 'skinspire_booking_check',
	sql: numbered(`with target as (
	   select r.id, r.name, r.branch_id, r.hospital_id, b.time_zone, b.opening_hours
	   from room r join branch b on b.id = r.branch_id and b.hospital_id = r.hospital_id
	   where r.id = ?::uuid and r.hospital_id = ?::uuid
	 ), svc as (
	   ${SERVICE_SELECT} where s.id = ?::uuid and s.hospital_id = ?::uuid and s.active
	 ), scope_rooms as (
	   select x.id, x.type, x.in_service, x.sort_order, x.name from room x join target t on x.branch_id = t.branch_id
	   where x.id = t.id or (?::boolean and x.type = (select room_type from svc))
	 ), scope_devices as (
	   select d.id, d.type, d.in_service, d.name from device d join target t on d.branch_id = t.branch_id
	   where d.type = any(coalesce((select device_types from svc), '{}'))
	 )
	 select t.branch_id, t.name as room_name, t.time_zone, t.opening_hours,
	   (select row_to_json(svc) from svc) as service,
	   (select json_build_object('name', p.full_name, 'mrn', p.mrn) from patient p where p.id = ?::uuid and p.hospital_id = t.hospital_id) as patient,
	   (select u.name from app_user u where u.id = ?::uuid and u.hospital_id = t.hospital_id) as practitioner_name,
	   coalesce((select json_agg(w) from (
	     select user_id, weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at, kind
	     from working_hours where branch_id = t.branch_id and user_id = ?::uuid) w), '[]') as hours,
	   coalesce((select json_agg(l) from (
	     select user_id, starts_at, ends_at from leave
	     where (branch_id is null or branch_id = t.branch_id) and user_id = ?::uuid and starts_at < ?::timestamptz and ends_at > ?::timestamptz) l), '[]') as leave,
	   coalesce((select json_agg(d) from (
	     select to_char(day, 'YYYY-MM-DD') as day from branch_holiday
	     where branch_id = t.branch_id and day between (?::timestamptz - interval '1 day')::date and (?::timestamptz + interval '1 day')::date) d), '[]') as holidays,
	   coalesce((select json_agg(json_build_object('id', id, 'type', type, 'in_service', in_service) order by sort_order, name) from scope_rooms), '[]') as rooms,
	   coalesce((select json_agg(json_build_object('id', id, 'type', type, 'in_service', in_service) order by name) from scope_devices), '[]') as devices,
	   coalesce((select json_agg(x) from (
	     select a.starts_at, a.busy_until, a.practitioner_id, case when a.room_id in (select id from scope_rooms) then a.room_id end as room_id, '{}'::text[] as device_ids
	     from appointment a where a.practitioner_id = ?::uuid and a.hospital_id = t.hospital_id and ${overlapping('a')} and a.status not in ('cancelled', 'no-show')
	     union all
	     select a.starts_at, a.busy_until, null, a.room_id, '{}'::text[]
	     from appointment a where a.room_id in (select id from scope_rooms) and a.practitioner_id <> ?::uuid and ${overlapping('a')} and a.status not in ('cancelled', 'no-show')
	     union all
	     select ad.starts_at, ad.busy_until, null, null, array[ad.device_id::text]
	     from appointment_device ad where ad.device_id in (select id from scope_devices) and ad.active and ${overlapping('ad')}
	     union all
	     select h.starts_at, h.busy_until, h.practitioner_id, h.room_id, '{}'::text[]
	     from slot_hold h where h.branch_id = t.branch_id and (h.practitioner_id = ?::uuid or h.room_id in (select id from scope_rooms))
	       and h.expires_at > now() and h.starts_at < ?::timestamptz and h.busy_until > ?::timestamptz and h.held_by_id is distinct from ?::uuid
	   ) x), '[]') as busy
	 from target t`)
};

/**
 * A single booking's whole read in one round trip: its context, and the slot finder's input for
 * exactly what the proposal could clash with — the proposed practitioner's hours, breaks, leave and
 * bookings (at any branch), the room and its bookings, the branch's devices of the kinds the
 * service needs and their bookings, other desks' holds on that practitioner or room, and the
 * branch's hours and holidays — over `window`. `checkBookable` on it answers as on the whole
 * branch's input: it looks at nothing else. With `rooms: 'suitable'` every room of the kind the
 * service needs is in it too, which is what `nearestAlternatives` (same practitioner, any suitable
 * room) looks at. Overlaps are tested as the exclusion constraints' own `tstzrange && …`, so their
 * indexes serve them.
 */
export async function loadBookingCheck(
	orm: MikroORM,
	hospitalId: string,
	ids: { roomId: string; serviceId: string; patientId: string; practitionerId: string },
	window: { from: Date; to: Date },
	exceptHoldsOf: string,
	rooms: 'proposed' | 'suitable' = 'proposed'
): Promise<{ context: BookingContext; scheduling: SchedulingInput | null } | null> {
	const from = window.from.toISOString();
	const to = window.to.toISOString();
	// Planning this statement takes longer than running it: it is prepared once per connection.
	const [rows] = await runInOneRoundTrip(orm, [
		executePrepared(BOOKING_CHECK, [
			ids.roomId, hospitalId,
			ids.serviceId, hospitalId,
			rooms === 'suitable',
			ids.patientId,
			ids.practitionerId,
			ids.practitionerId,
			ids.practitionerId, to, from,
			from, to,
			ids.practitionerId, from, to,
			ids.practitionerId, from, to,
			from, to,
			ids.practitionerId, to, from, exceptHoldsOf
		])
	]);
	const row = rows?.[0] as BookingCheckRow | undefined;
	if (!row) return null;
	const context = contextOf(row);
	const scheduling = row.service ? buildSchedulingInput(context, row.service, [ids.practitionerId], row) : null;
	return { context, scheduling };
}

/**
 * What must be read to check one proposed start, before the service (and so its length) is known:
 * the longest an appointment and its clean-up can take (the catalogue's own limits, 12 h + 4 h).
 * The read is narrowed to one practitioner, one room and a few devices, so the extra hours cost little.
 */
export function checkWindow(start: number): { from: Date; to: Date } {
	return { from: new Date(start), to: new Date(start + (720 + 240) * MINUTE) };
}

/** A day either side (and the day after): where the nearest free times offered instead are looked for. */
export function alternativesWindow(start: number): { from: Date; to: Date } {
	return { from: new Date(start - DAY), to: new Date(start + 2 * DAY) };
}

/**
 * The starts of a course: `count` sessions `everyWeeks` apart at the first one's time of day on
 * the branch's clock, so a session after a DST change keeps its 10:00 rather than its UTC instant.
 */
export function seriesStarts(first: number, count: number, everyWeeks: number, timeZone: string): number[] {
	const wall = first + offsetAt(timeZone, first);
	return Array.from({ length: count }, (_, i) => {
		const target = wall + i * everyWeeks * WEEK;
		// The offset at the guess, then at the corrected instant: settles unless the time falls in a gap.
		let t = target - offsetAt(timeZone, target - offsetAt(timeZone, first));
		t = target - offsetAt(timeZone, t);
		return t;
	});
}

const RESOURCE_KINDS = ['practitioner', 'room', 'device'] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * Bookings of the same practitioner, room or device take turns from here to their commit. Two
 * transactions inserting overlapping rows at once can otherwise wait for each other inside the
 * exclusion constraints' checks until PostgreSQL's deadlock detector aborts one (after a second);
 * in turn, the later one finds the earlier one's row and is refused at once (23P01).
 *
 * Every transaction takes these locks in one order — practitioners, then rooms, then devices, each
 * by id — so they cannot deadlock among themselves, also when one takes its device locks later than
 * the others (a series learns its devices only from its checks). A hash collision between two keys
 * only makes two unrelated bookings take turns.
 */
export function resourceLocks(slots: readonly Pick<Slot, 'practitionerId' | 'roomId' | 'deviceIds'>[], kinds: readonly ResourceKind[] = RESOURCE_KINDS): Statement[] {
	const ids: Record<ResourceKind, Set<string>> = { practitioner: new Set(), room: new Set(), device: new Set() };
	for (const s of slots) {
		ids.practitioner.add(s.practitionerId);
		ids.room.add(s.roomId);
		for (const d of s.deviceIds) ids.device.add(d.toLowerCase());
	}
	return RESOURCE_KINDS.filter((k) => kinds.includes(k)).flatMap((kind) =>
		[...ids[kind]].sort().map((id) => ({ sql: 'select pg_advisory_xact_lock(hashtext(?))', params: [`booking:${kind}:${id}`] }))
	);
}

/** PostgreSQL's deadlock_detected: worth one more try, the other side has gone by then. */
export function isDeadlock(e: unknown): boolean {
	const err = e as { code?: string; cause?: { code?: string } } | null;
	return err?.code === '40P01' || err?.cause?.code === '40P01';
}

export interface NewAppointment {
	id: string;
	hospitalId: string;
	branchId: string;
	patientId: string;
	serviceId: string;
	slot: Slot;
	notes: string | null;
	seriesId: string | null;
	byUserId: string;
	/** What the history's 'booked' entry records. */
	event: Record<string, unknown>;
}

/**
 * The appointment, its devices, its 'booked' history entry, and the booking desk's own hold on
 * that start let go: one statement. The exclusion constraints still judge every row; an overlap
 * fails the whole statement (and its transaction) with 23P01.
 */
export function appointmentInsert(a: NewAppointment): Statement {
	return executePrepared(APPOINTMENT_INSERT, appointmentValues(a));
}

/** The same inside an `em.transactional` transaction. */
export async function insertAppointment(em: EntityManager, a: NewAppointment): Promise<void> {
	await em.execute(inlinePrepared(em.getPlatform(), APPOINTMENT_INSERT, appointmentValues(a)), [], 'run');
}

function appointmentValues(a: NewAppointment): unknown[] {
	const start = new Date(a.slot.start).toISOString();
	const end = new Date(a.slot.end).toISOString();
	const busyUntil = new Date(a.slot.occupiedUntil).toISOString();
	return [
		a.id, a.hospitalId, a.branchId, a.patientId, a.serviceId, a.slot.practitionerId, a.slot.roomId, start, end, busyUntil, a.notes, a.seriesId, a.byUserId,
		`{${a.slot.deviceIds.join(',')}}`,
		JSON.stringify(a.event)
	];
}

/** appointmentInsert's statement: $1 the appointment's id, … (see there), $14 its devices, $15 its history entry. */
const APPOINTMENT_INSERT: PreparedStatement = {
	name: 'skinspire_appointment_insert',
	sql: `with appointment_row as (
	   insert into appointment (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, room_id, starts_at, ends_at, busy_until, status, notes, series_id, created_by_id, created_at, updated_at, version)
	   values ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::uuid, $7::uuid, $8::timestamptz, $9::timestamptz, $10::timestamptz, 'booked', $11::text, $12::uuid, $13::uuid, now(), now(), 1)
	 ), devices as (
	   insert into appointment_device (appointment_id, device_id, starts_at, busy_until, active)
	   select $1::uuid, d, $8::timestamptz, $10::timestamptz, true from unnest($14::uuid[]) d
	 ), released_hold as (
	   delete from slot_hold where held_by_id = $13::uuid and branch_id = $3::uuid and starts_at = $8::timestamptz
	 )
	 insert into appointment_event (appointment_id, kind, after, by_id, at) values ($1::uuid, 'booked', $15::jsonb, $13::uuid, now())`
};
