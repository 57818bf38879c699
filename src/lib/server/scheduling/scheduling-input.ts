import type { EntityManager } from '@mikro-orm/postgresql';
import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import type { WeeklyHours } from '../../shared/scheduling/slot.types.ts';
import type { BusyInterval, Device, PractitionerSchedule, Room, SchedulingInput } from './slot-finder.ts';

/** 0 = Sunday in the database (as JavaScript's getDay); the finder names days mon…sun. */
const DAY_BY_NUMBER = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface ServiceRow {
	id: string;
	name: string;
	category: string;
	duration_minutes: number;
	buffer_minutes: number;
	price_paise: number;
	tax_rate_bp: number;
	room_type: string;
	device_types: string[];
	practitioner_ids: string[];
}

/** A ServiceRow's columns, from `clinic_service s`; who may perform it are the active ones, by name. */
export const SERVICE_COLUMNS = `s.id, s.name, s.category, s.duration_minutes, s.buffer_minutes, s.price_paise, s.tax_rate_bp, s.room_type, s.device_types,
	coalesce(array(select sp.user_id::text from service_practitioner sp join app_user u on u.id = sp.user_id and u.active where sp.service_id = s.id order by u.name), '{}') as practitioner_ids`;

export const SERVICE_SELECT = `select ${SERVICE_COLUMNS} from clinic_service s`;

export function openingHoursToWeekly(hours: OpeningHours): WeeklyHours {
	const weekly: WeeklyHours = {};
	for (const [n, range] of Object.entries(hours)) if (range) weekly[DAY_BY_NUMBER[Number(n)]!] = [{ start: range.opens, end: range.closes }];
	return weekly;
}

/**
 * Everything the slot finder needs for one service at one branch over a window, read in the
 * caller's transaction. Holds by `exceptHoldsOf` are left out: a receptionist's own hold must not
 * stand in the way of the booking it was made for.
 */
export async function loadSchedulingInput(
	em: EntityManager,
	at: { hospitalId: string; branchId: string; timeZone: string; openingHours: OpeningHours },
	service: ServiceRow,
	window: { from: Date; to: Date },
	options: { exceptHoldsOf?: string; exceptAppointment?: string } = {}
): Promise<SchedulingInput> {
	const practitionerIds = service.practitioner_ids;
	const [hours, leave, holidays, rooms, devices, busy] = await Promise.all([
		practitionerIds.length
			? em.execute<{ user_id: string; weekday: number; starts_at: string; ends_at: string; kind: 'work' | 'break' }[]>(
					`select user_id, weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at, kind
					 from working_hours where branch_id = ? and user_id in (${practitionerIds.map(() => '?').join(',')})`,
					[at.branchId, ...practitionerIds]
				)
			: [],
		practitionerIds.length
			? em.execute<{ user_id: string; starts_at: Date; ends_at: Date }[]>(
					`select user_id, starts_at, ends_at from leave where (branch_id is null or branch_id = ?) and user_id in (${practitionerIds.map(() => '?').join(',')})
					 and starts_at < ? and ends_at > ?`,
					[at.branchId, ...practitionerIds, window.to, window.from]
				)
			: [],
		em.execute<{ day: string }[]>(`select to_char(day, 'YYYY-MM-DD') as day from branch_holiday where branch_id = ? and day between (?::timestamptz - interval '1 day')::date and (?::timestamptz + interval '1 day')::date`, [
			at.branchId,
			window.from,
			window.to
		]),
		em.execute<{ id: string; type: string; in_service: boolean }[]>('select id, type, in_service from room where branch_id = ? order by sort_order, name', [at.branchId]),
		em.execute<{ id: string; type: string; in_service: boolean }[]>('select id, type, in_service from device where branch_id = ? order by name', [at.branchId]),
		// A practitioner's bookings at other branches count too: nobody is in two places at once.
		em.execute<{ starts_at: Date; busy_until: Date; practitioner_id: string | null; room_id: string | null; device_ids: string[] }[]>(
			`select a.starts_at, a.busy_until, a.practitioner_id, case when a.branch_id = ? then a.room_id end as room_id,
			   coalesce(array(select d.device_id::text from appointment_device d where d.appointment_id = a.id and d.active), '{}') as device_ids
			 from appointment a
			 where a.hospital_id = ? and a.status not in ('cancelled', 'no-show') and a.starts_at < ? and a.busy_until > ?
			   and (a.branch_id = ? ${practitionerIds.length ? `or a.practitioner_id in (${practitionerIds.map(() => '?').join(',')})` : ''})
			   and a.id is distinct from ?
			 union all
			 select h.starts_at, h.busy_until, h.practitioner_id, h.room_id, '{}'::text[]
			 from slot_hold h where h.branch_id = ? and h.expires_at > now() and h.starts_at < ? and h.busy_until > ? and h.held_by_id is distinct from ?`,
			[at.branchId, at.hospitalId, window.to, window.from, at.branchId, ...practitionerIds, options.exceptAppointment ?? null, at.branchId, window.to, window.from, options.exceptHoldsOf ?? null]
		)
	]);

	return buildSchedulingInput(at, service, practitionerIds, { hours, leave, holidays, rooms, devices, busy });
}

/** What the loader reads, row by row, for `buildSchedulingInput`. */
export interface SchedulingRows {
	hours: { user_id: string; weekday: number; starts_at: string; ends_at: string; kind: 'work' | 'break' }[];
	leave: { user_id: string; starts_at: Date | string; ends_at: Date | string }[];
	holidays: { day: string }[];
	rooms: { id: string; type: string; in_service: boolean }[];
	devices: { id: string; type: string; in_service: boolean }[];
	busy: { starts_at: Date | string; busy_until: Date | string; practitioner_id: string | null; room_id: string | null; device_ids: string[] }[];
}

/**
 * The slot finder's input from rows read elsewhere (by the loader below, or by a booking's own
 * narrower read): schedules for `schedulesOf`, who may perform the service from the service itself.
 */
export function buildSchedulingInput(
	at: { timeZone: string; openingHours: OpeningHours },
	service: ServiceRow,
	schedulesOf: readonly string[],
	{ hours, leave, holidays, rooms, devices, busy }: SchedulingRows
): SchedulingInput {
	const practitioners: PractitionerSchedule[] = schedulesOf.map((id) => {
		const workingHours: WeeklyHours = {};
		const breaks: WeeklyHours = {};
		for (const h of hours.filter((r) => r.user_id === id)) {
			const target = h.kind === 'break' ? breaks : workingHours;
			const day = DAY_BY_NUMBER[h.weekday]!;
			target[day] = [...(target[day] ?? []), { start: h.starts_at, end: h.ends_at === '00:00' ? '24:00' : h.ends_at }];
		}
		return {
			id,
			workingHours,
			breaks,
			leave: leave.filter((l) => l.user_id === id).map((l) => ({ start: new Date(l.starts_at).getTime(), end: new Date(l.ends_at).getTime() }))
		};
	});
	return {
		service: {
			durationMinutes: service.duration_minutes,
			bufferAfterMinutes: service.buffer_minutes,
			roomType: service.room_type,
			deviceTypes: service.device_types,
			practitionerIds: service.practitioner_ids
		},
		branch: { timeZone: at.timeZone, openingHours: openingHoursToWeekly(at.openingHours), holidays: holidays.map((h) => ({ date: h.day })) },
		practitioners,
		rooms: rooms.map((r): Room => ({ id: r.id, type: r.type, inService: r.in_service })),
		devices: devices.map((d): Device => ({ id: d.id, type: d.type, inService: d.in_service })),
		busy: busy.map(
			(b): BusyInterval => ({
				start: new Date(b.starts_at).getTime(),
				end: new Date(b.busy_until).getTime(),
				...(b.practitioner_id ? { practitionerId: b.practitioner_id } : {}),
				...(b.room_id ? { roomId: b.room_id } : {}),
				deviceIds: b.device_ids
			})
		)
	};
}
