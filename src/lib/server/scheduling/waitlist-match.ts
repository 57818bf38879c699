/**
 * Who on the waitlist suits a freed time: pure, plain data in, plain data out (unit-tested beside
 * it). The waitlist service reads the rows, asks the slot finder whether the time is really
 * bookable for each service, and uses these rules to pick and rank the patients.
 */
import type { TimeOfDay } from '../../shared/scheduling/waitlist.schema.ts';
import { DAY, MINUTE, offsetAt } from './zoned-time.ts';

/** Parts of the day as the branch's clock reads them: morning before 12:00, afternoon 12–17, evening from 17:00. */
export const AFTERNOON_FROM = 12 * 60;
export const EVENING_FROM = 17 * 60;

export function timeOfDayAt(minuteOfDay: number): Exclude<TimeOfDay, 'any'> {
	if (minuteOfDay < AFTERNOON_FROM) return 'morning';
	if (minuteOfDay < EVENING_FROM) return 'afternoon';
	return 'evening';
}

/** An instant on the branch's clock: its local date (YYYY-MM-DD) and minute of the day. */
export function localClock(t: number, timeZone: string): { date: string; minute: number } {
	const wall = t + offsetAt(timeZone, t);
	return { date: new Date(wall).toISOString().slice(0, 10), minute: Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE) };
}

export interface WaitingEntry {
	id: string;
	patientId: string;
	serviceId: string;
	/** The practitioner the patient asked for, if any. */
	practitionerId: string | null;
	timeOfDay: TimeOfDay;
	/** Local dates, both included. */
	earliestDay: string | null;
	latestDay: string | null;
	/** When they joined (epoch ms): who waited longest goes first among equals. */
	createdAt: number;
}

export interface OfferedTime {
	serviceId: string;
	practitionerId: string;
	/** The slot's start on the branch's clock. */
	date: string;
	minute: number;
}

/** Whether this patient would take this time: the service, their practitioner if they named one, the part of the day and the days they gave. */
export function suits(entry: WaitingEntry, time: OfferedTime): boolean {
	if (entry.serviceId !== time.serviceId) return false;
	if (entry.practitionerId && entry.practitionerId !== time.practitionerId) return false;
	if (entry.timeOfDay !== 'any' && entry.timeOfDay !== timeOfDayAt(time.minute)) return false;
	if (entry.earliestDay && time.date < entry.earliestDay) return false;
	if (entry.latestDay && time.date > entry.latestDay) return false;
	return true;
}

/**
 * The entries that suit the time, best first: those who asked for exactly this practitioner,
 * then whoever has waited longest (ties by id, so the order is stable).
 */
export function rankMatches<E extends WaitingEntry>(entries: readonly E[], time: OfferedTime, limit = Infinity): E[] {
	const exact = (e: E) => (e.practitionerId === time.practitionerId ? 0 : 1);
	return entries
		.filter((e) => suits(e, time))
		.sort((a, b) => exact(a) - exact(b) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.slice(0, limit);
}

export interface GapService {
	id: string;
	durationMinutes: number;
	bufferMinutes: number;
	roomType: string;
	practitionerIds: readonly string[];
}

/** Services that could fill the gap at all: short enough with their clean-up, the room's kind, and this practitioner performs them. */
export function servicesFittingGap<S extends GapService>(services: readonly S[], gap: { minutes: number; roomType: string; practitionerId: string }): S[] {
	return services.filter((s) => s.durationMinutes + s.bufferMinutes <= gap.minutes && s.roomType === gap.roomType && s.practitionerIds.includes(gap.practitionerId));
}
