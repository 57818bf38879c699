/**
 * Plain scheduling shapes shared by the server (slot finder, booking service), the API and the
 * UI. Wall-clock values are always read in the branch's IANA time zone.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A day of the branch's calendar, 'YYYY-MM-DD'. */
export type LocalDate = string;

/**
 * A wall-clock time 'HH:MM', 24-hour; '24:00' only as the end of a range (end of the day).
 * 'HH:MM:00' is accepted too, as PostgreSQL writes a `time`.
 */
export type LocalTime = string;

/** `[start, end)` on one local day; `end` after `start` (a range never runs past midnight). */
export interface LocalTimeRange {
	start: LocalTime;
	end: LocalTime;
}

/** Ranges per weekday; a missing or empty day means none (closed, not working, no break). */
export type WeeklyHours = Partial<Record<Weekday, readonly LocalTimeRange[]>>;

/**
 * Why a proposed booking cannot be made, one code per failed constraint, and the input field a
 * form should mark for it.
 */
export const BOOKING_CONSTRAINTS = {
	'in-the-past': 'start',
	'outside-opening-hours': 'start',
	holiday: 'start',
	'not-allowed-for-service': 'practitionerId',
	'practitioner-not-working': 'practitionerId',
	'practitioner-on-break': 'practitionerId',
	'practitioner-on-leave': 'practitionerId',
	'practitioner-busy': 'practitionerId',
	'room-not-found': 'roomId',
	'wrong-room-type': 'roomId',
	'room-out-of-service': 'roomId',
	'room-busy': 'roomId',
	'device-missing': 'deviceIds',
	'device-not-suitable': 'deviceIds',
	'device-out-of-service': 'deviceIds',
	'device-busy': 'deviceIds'
} as const satisfies Record<string, BookingField>;

export type BookingField = 'start' | 'practitionerId' | 'roomId' | 'deviceIds';
export type BookingConstraint = keyof typeof BOOKING_CONSTRAINTS;

/** A free slot as the public API writes it: ISO-8601 instants with the branch's offset. */
export interface SlotDto {
	start: string;
	end: string;
	practitionerId: string;
	roomId: string;
}
