/**
 * Time-zone arithmetic on top of `Intl` alone (no Temporal in Node 24, no date library).
 *
 * The model: in a zone, the wall clock is a function of the instant, `wall(t) = t + offset(t)`,
 * where "wall" is written as epoch milliseconds of the same fields read as UTC
 * (`Date.UTC(y, m, d, h, mi)`). Between two offset transitions the function is a plain shift, so
 * a window of instants splits into a few *segments* of constant offset, and a wall-clock range
 * maps to instants exactly: `{ t : wall(t) ∈ [a, b) }` is `[a − offset, b − offset)` clipped to
 * each segment. That one definition settles the DST days without special cases:
 * - spring forward (London 01:00 → 02:00): a schedule 00:30–03:00 holds the instants whose clock
 *   reads 00:30–00:59 and 02:00–02:59, i.e. 1½ real hours; a wall time inside the gap (01:30)
 *   names no instant at all;
 * - fall back (London 02:00 → 01:00): 01:30 happens twice and both belong to a 00:00–03:00
 *   schedule (4 real hours); a slot grid aligned to the clock yields both 01:30s.
 */

export const MINUTE = 60_000;
export const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		try {
			f = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric'
			});
		} catch {
			throw new RangeError(`Unknown IANA time zone: ${JSON.stringify(timeZone)}`);
		}
		formatters.set(timeZone, f);
	}
	return f;
}

export function isTimeZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** Offset of the zone's wall clock from UTC at instant `t`, in milliseconds (IST: +19 800 000). */
export function offsetAt(timeZone: string, t: number): number {
	const second = Math.floor(t / 1000) * 1000;
	let y = 0;
	let mo = 0;
	let d = 0;
	let h = 0;
	let mi = 0;
	let s = 0;
	for (const p of formatter(timeZone).formatToParts(second)) {
		if (p.type === 'year') y = Number(p.value);
		else if (p.type === 'month') mo = Number(p.value);
		else if (p.type === 'day') d = Number(p.value);
		else if (p.type === 'hour') h = Number(p.value);
		else if (p.type === 'minute') mi = Number(p.value);
		else if (p.type === 'second') s = Number(p.value);
	}
	return Date.UTC(y, mo - 1, d, h, mi, s) - second;
}

/** A stretch of instants `[start, end)` over which the zone's offset does not change. */
export interface OffsetSegment {
	start: number;
	end: number;
	offset: number;
}

/**
 * Transitions are found by sampling the offset every six hours and bisecting where it changes
 * (to the second: tz transitions fall on whole seconds). Two transitions closer together than
 * six hours would hide each other; no zone has had that in modern tz data.
 */
const SAMPLE = 6 * 3_600_000;

function firstSecondWithNewOffset(timeZone: string, lo: number, hi: number, offset: number): number {
	let a = Math.floor(lo / 1000);
	let b = Math.floor(hi / 1000);
	while (b - a > 1) {
		const mid = Math.floor((a + b) / 2);
		if (offsetAt(timeZone, mid * 1000) === offset) a = mid;
		else b = mid;
	}
	return b * 1000;
}

/** The window `[from, to)` cut into segments of constant offset, in time order. */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
	const segments: OffsetSegment[] = [];
	if (!(to > from)) return segments;
	let offset = offsetAt(timeZone, from);
	let segmentStart = from;
	let t = from;
	for (;;) {
		const probe = Math.min(t + SAMPLE, to - 1);
		if (probe <= t) break;
		const o = offsetAt(timeZone, probe);
		if (o === offset) {
			t = probe;
			continue;
		}
		const transition = firstSecondWithNewOffset(timeZone, t, probe, offset);
		segments.push({ start: segmentStart, end: transition, offset });
		segmentStart = t = transition;
		offset = offsetAt(timeZone, transition);
	}
	segments.push({ start: segmentStart, end: to, offset });
	return segments;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date 'YYYY-MM-DD' (no zone: it names a wall-clock day). */
export function dayNumber(date: string): number {
	const m = DATE.exec(date);
	const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
	if (!m || new Date(n).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
	return n / DAY;
}

export function dateOfDayNumber(day: number): string {
	return new Date(day * DAY).toISOString().slice(0, 10);
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)(?::00)?$/;

/**
 * Minutes after local midnight of 'HH:MM' (24-hour); '24:00' is 1440, the end of the day. Zero
 * seconds ('09:00:00', as PostgreSQL writes a `time`) are accepted; other seconds are not.
 */
export function minuteOfDay(time: string): number {
	const m = TIME.exec(time);
	if (!m) throw new RangeError(`Not a wall-clock time 'HH:MM': ${JSON.stringify(time)}`);
	return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The first instant at or after the start of `date` on the zone's clock: the instant to use as
 * `from`/`to` when someone asks for "the slots of 30 March". Where midnight falls in a DST gap
 * (Santiago, Havana) the day begins at the transition.
 */
export function startOfLocalDay(timeZone: string, date: string): number {
	const wallMidnight = dayNumber(date) * DAY;
	// Offsets stay within ±18 h, so the instant lies within a day of the wall value.
	for (const s of offsetSegments(timeZone, wallMidnight - 2 * DAY, wallMidnight + 2 * DAY)) {
		const t = Math.max(s.start, wallMidnight - s.offset);
		if (t < s.end) return t;
	}
	throw new RangeError(`Could not place ${date} in ${timeZone}`);
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/**
 * ISO-8601 with the zone's offset at that instant, as the public API writes times:
 * `2025-03-30T09:00:00+01:00` (milliseconds only when present; UTC as `+00:00`).
 */
export function toOffsetIso(t: number, timeZone: string): string {
	const offset = offsetAt(timeZone, t);
	const wall = new Date(t + offset).toISOString();
	const body = wall.endsWith('.000Z') ? wall.slice(0, 19) : wall.slice(0, 23);
	const minutes = Math.round(Math.abs(offset) / MINUTE);
	return `${body}${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
