import { Temporal } from 'temporal-polyfill';

/** An instant as the branch's clock shows it: its local date and 'HH:MM'. */
export function localParts(instant: string, timeZone: string): { date: string; time: string } {
	const z = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone);
	return { date: z.toPlainDate().toString(), time: z.toPlainTime().toString({ smallestUnit: 'minute' }) };
}

/** The instant a wall-clock date and time on the branch's clock stand for (the earlier one in a DST overlap). */
export function instantAt(date: string, time: string, timeZone: string): string {
	return Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toInstant().toString();
}

/** Quarter hours of a working day, for choosing a start by hand. */
export const QUARTER_HOURS: readonly string[] = Array.from({ length: (22 - 7) * 4 }, (_, i) => `${String(7 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
