/**
 * Free appointment slots for one service at one branch: pure, plain data in, plain data out.
 *
 * A booking of a service needs, all free at once for its whole *occupancy*
 * `[start, start + duration + bufferAfter)`:
 * - the branch open (weekly opening hours, minus holidays) — the clean-up buffer must end by
 *   closing time too, since someone has to be there to do it;
 * - one practitioner allowed to perform the service, at work (weekly working hours) and not on a
 *   break, on leave or busy with another appointment or hold;
 * - one room of the service's room type, in service and not busy (rooms hold one booking);
 * - for every entry of the service's `deviceTypes`, a distinct device of that type. Devices are
 *   branch-wide and move between rooms (a laser is wheeled to wherever the patient is), so a
 *   device is not tied to the chosen room: any device of the type at the branch that is in
 *   service and not busy will do.
 * The patient's slot is `[start, start + duration)`; the buffer after it keeps the practitioner,
 * the room and the devices busy for clean-up, exactly as existing bookings' buffers do.
 *
 * Instants are epoch milliseconds (UTC) everywhere in this module: exact, cheap to compare, free
 * of formatting questions. The API layer turns them into ISO-8601 with the branch's offset
 * (`toOffsetIso` in zoned-time.ts). Weekly schedules, holidays and leave days are wall-clock
 * values of the branch's zone and are converted exactly, DST days included (see zoned-time.ts:
 * a schedule holds the instants whose wall clock reads inside it).
 *
 * Inputs are trusted to have passed the shared zod schemas; malformed values that would make the
 * answer meaningless (an unknown zone, '25:00', a step that does not divide a day) throw a
 * RangeError naming them.
 */
import {
	BOOKING_CONSTRAINTS,
	WEEKDAYS,
	type BookingConstraint,
	type BookingField,
	type LocalDate,
	type LocalTimeRange,
	type SlotDto,
	type WeeklyHours
} from '../../shared/scheduling/slot.types.ts';
import { covers, intersect, normalize, overlaps, subtract, type Interval } from './intervals.ts';
import { DAY, MINUTE, dayNumber, minuteOfDay, offsetSegments, isTimeZone, toOffsetIso, type OffsetSegment } from './zoned-time.ts';

/** Epoch milliseconds. */
export type Instant = number;

/** `[start, end)` between two instants. */
export interface Period {
	start: Instant;
	end: Instant;
}

export interface ServiceRequirements {
	/** The patient's time, in whole minutes (> 0). */
	durationMinutes: number;
	/** Clean-up after the patient leaves: practitioner, room and devices stay busy. Default 0. */
	bufferAfterMinutes?: number;
	roomType: string;
	/** One device of each listed type; list a type twice to need two of it. Default none. */
	deviceTypes?: readonly string[];
	/** Who may perform the service; nobody else is ever offered. */
	practitionerIds: readonly string[];
}

/** A closed day of the branch's calendar; with `closed`, only those hours of it are closed. */
export interface Holiday {
	date: LocalDate;
	closed?: readonly LocalTimeRange[];
}

export interface BranchCalendar {
	/** IANA zone, e.g. 'Asia/Kolkata'. Every wall-clock value of the branch is read in it. */
	timeZone: string;
	openingHours: WeeklyHours;
	holidays?: readonly Holiday[];
}

/** Whole days of leave, both dates included, on the branch's calendar. */
export interface LeaveDays {
	fromDate: LocalDate;
	toDate: LocalDate;
}

/** A practitioner's schedule at this branch. */
export interface PractitionerSchedule {
	id: string;
	workingHours: WeeklyHours;
	breaks?: WeeklyHours;
	/** Whole days (`LeaveDays`) or exact periods (`Period`, e.g. a half day or a conference). */
	leave?: readonly (LeaveDays | Period)[];
}

/** A room holds one booking at a time. */
export interface Room {
	id: string;
	type: string;
	/** `false` takes the room out entirely (default true). */
	inService?: boolean;
	outOfService?: readonly Period[];
}

/** A device belongs to the branch, not to a room. */
export interface Device {
	id: string;
	type: string;
	inService?: boolean;
	outOfService?: readonly Period[];
}

/**
 * An existing appointment or an active hold. It occupies each resource it names for
 * `[start, end + bufferAfterMinutes)`. Pass a practitioner's bookings at other branches too:
 * they cannot be in two places.
 */
export interface BusyInterval {
	start: Instant;
	end: Instant;
	bufferAfterMinutes?: number;
	practitionerId?: string;
	roomId?: string;
	deviceIds?: readonly string[];
}

/** Everything known about one service at one branch. Resources belong to that branch. */
export interface SchedulingInput {
	service: ServiceRequirements;
	branch: BranchCalendar;
	/** In the order slots at the same start are offered (e.g. by name or seniority). */
	practitioners: readonly PractitionerSchedule[];
	/** In order of preference: the first free suitable room is offered first. */
	rooms: readonly Room[];
	devices?: readonly Device[];
	busy?: readonly BusyInterval[];
}

export interface SlotQuery {
	/** Slots *starting* in `[from, to)`. */
	from: Instant;
	to: Instant;
	/**
	 * Starts fall on the branch's clock every `stepMinutes` from local midnight (15 → :00, :15,
	 * :30, :45 local, whatever the UTC offset). Must divide 1440.
	 */
	stepMinutes: number;
	/** Usually "now": no slot starts before it. */
	notBefore?: Instant;
	/** Only this practitioner. */
	practitionerId?: string;
	/** Only this room. */
	roomId?: string;
	/**
	 * How many rooms to offer with each free practitioner at each start: 1 (default) pairs each
	 * practitioner with the first free room, which is what a receptionist choosing a practitioner
	 * needs; `Infinity` gives every (practitioner, room) combination.
	 */
	roomsPerPractitioner?: number;
	/** Stop after this many slots (default: no limit; the API should always set one). */
	maxResults?: number;
}

export interface Slot {
	start: Instant;
	/** The patient's end: `start + duration`. */
	end: Instant;
	/** `end + bufferAfter`: what the booking must hold for practitioner, room and devices. */
	occupiedUntil: Instant;
	practitionerId: string;
	roomId: string;
	/** One device for each entry of the service's `deviceTypes`, in that order. */
	deviceIds: string[];
}

/** A slot as the public API answers it, in the branch's offset. */
export function toSlotDto(slot: Slot, timeZone: string): SlotDto {
	return { start: toOffsetIso(slot.start, timeZone), end: toOffsetIso(slot.end, timeZone), practitionerId: slot.practitionerId, roomId: slot.roomId };
}

// ---------------------------------------------------------------------------------------------
// Preparing the input once

type DayRanges = [number, number][];
/** Ranges in minutes of the local day, indexed like WEEKDAYS (0 = Monday). */
type ParsedWeek = DayRanges[];

function parseRanges(ranges: readonly LocalTimeRange[] | undefined, what: string): DayRanges {
	const out: DayRanges = [];
	for (const r of ranges ?? []) {
		const start = minuteOfDay(r.start);
		const end = minuteOfDay(r.end);
		if (end <= start) throw new RangeError(`${what}: a range must end after it starts (${r.start}–${r.end})`);
		out.push([start, end]);
	}
	return out;
}

function parseWeek(hours: WeeklyHours | undefined, what: string): ParsedWeek {
	for (const key of Object.keys(hours ?? {})) if (!(WEEKDAYS as readonly string[]).includes(key)) throw new RangeError(`${what}: unknown weekday ${JSON.stringify(key)}`);
	return WEEKDAYS.map((d) => parseRanges(hours?.[d], `${what} (${d})`));
}

function wholeMinutes(value: number | undefined, what: string, min: number): number {
	const v = value ?? 0;
	if (!Number.isInteger(v) || v < min) throw new RangeError(`${what} must be a whole number of minutes ≥ ${min}, not ${value}`);
	return v;
}

function instant(value: number, what: string): number {
	if (!Number.isFinite(value)) throw new RangeError(`${what} must be an instant in epoch milliseconds, not ${value}`);
	return value;
}

function firstById<T extends { id: string }>(items: readonly T[]): T[] {
	const seen = new Set<string>();
	return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
}

interface PreparedPractitioner {
	id: string;
	working: ParsedWeek;
	breaks: ParsedWeek;
	leaveDays: Interval[]; // wall-clock
	leavePeriods: Interval[];
}

interface Prepared {
	timeZone: string;
	duration: number;
	occupancy: number;
	opening: ParsedWeek;
	holidays: { day: number; ranges: DayRanges | null }[];
	allowed: Set<string>;
	practitioners: PreparedPractitioner[];
	rooms: Room[];
	devices: Device[];
	/** Device types needed and how many of each, in the order the service lists them. */
	needs: { type: string; count: number }[];
	busy: { practitioner: Map<string, Interval[]>; room: Map<string, Interval[]>; device: Map<string, Interval[]> };
}

function push(map: Map<string, Interval[]>, id: string, i: Interval) {
	const list = map.get(id);
	if (list) list.push(i);
	else map.set(id, [i]);
}

function prepare(input: SchedulingInput): Prepared {
	const { service, branch } = input;
	if (!isTimeZone(branch.timeZone)) throw new RangeError(`Unknown IANA time zone: ${JSON.stringify(branch.timeZone)}`);
	const duration = wholeMinutes(service.durationMinutes, 'durationMinutes', 1) * MINUTE;
	const buffer = wholeMinutes(service.bufferAfterMinutes, 'bufferAfterMinutes', 0) * MINUTE;

	const needs: { type: string; count: number }[] = [];
	for (const type of service.deviceTypes ?? []) {
		const need = needs.find((n) => n.type === type);
		if (need) need.count++;
		else needs.push({ type, count: 1 });
	}

	const busy = { practitioner: new Map<string, Interval[]>(), room: new Map<string, Interval[]>(), device: new Map<string, Interval[]>() };
	for (const b of input.busy ?? []) {
		const i = { start: instant(b.start, 'busy.start'), end: instant(b.end, 'busy.end') + wholeMinutes(b.bufferAfterMinutes, 'busy.bufferAfterMinutes', 0) * MINUTE };
		if (i.end <= i.start) continue;
		if (b.practitionerId !== undefined) push(busy.practitioner, b.practitionerId, i);
		if (b.roomId !== undefined) push(busy.room, b.roomId, i);
		for (const d of b.deviceIds ?? []) push(busy.device, d, i);
	}
	for (const map of [busy.practitioner, busy.room, busy.device]) for (const [id, list] of map) map.set(id, normalize(list));

	return {
		timeZone: branch.timeZone,
		duration,
		occupancy: duration + buffer,
		opening: parseWeek(branch.openingHours, 'openingHours'),
		holidays: (branch.holidays ?? []).map((h) => ({ day: dayNumber(h.date), ranges: h.closed ? parseRanges(h.closed, `holiday ${h.date}`) : null })),
		allowed: new Set(service.practitionerIds),
		practitioners: firstById(input.practitioners).map((p) => ({
			id: p.id,
			working: parseWeek(p.workingHours, `workingHours of ${p.id}`),
			breaks: parseWeek(p.breaks, `breaks of ${p.id}`),
			leaveDays: (p.leave ?? []).flatMap((l) => ('fromDate' in l ? [{ start: dayNumber(l.fromDate) * DAY, end: (dayNumber(l.toDate) + 1) * DAY }] : [])),
			leavePeriods: normalize((p.leave ?? []).flatMap((l) => ('fromDate' in l ? [] : [{ start: instant(l.start, 'leave.start'), end: instant(l.end, 'leave.end') }])))
		})),
		rooms: firstById(input.rooms),
		devices: firstById(input.devices ?? []),
		needs,
		busy
	};
}

// ---------------------------------------------------------------------------------------------
// Wall-clock schedules → instants over a window

interface ZonedWindow {
	start: number;
	end: number;
	segments: OffsetSegment[];
	firstDay: number;
	lastDay: number;
}

function zonedWindow(timeZone: string, start: number, end: number): ZonedWindow {
	const segments = offsetSegments(timeZone, start, end);
	let firstDay = Infinity;
	let lastDay = -Infinity;
	for (const s of segments) {
		firstDay = Math.min(firstDay, Math.floor((s.start + s.offset) / DAY));
		lastDay = Math.max(lastDay, Math.floor((s.end - 1 + s.offset) / DAY));
	}
	return { start, end, segments, firstDay, lastDay };
}

/** The instants of the window whose wall-clock reading lies in `wall` (a list of wall ranges). */
function wallToInstants(w: ZonedWindow, wall: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	for (const s of w.segments) {
		for (const i of wall) {
			const start = Math.max(i.start - s.offset, s.start);
			const end = Math.min(i.end - s.offset, s.end);
			if (end > start) out.push({ start, end });
		}
	}
	return normalize(out);
}

function weekdayIndex(day: number): number {
	// Day 0, 1970-01-01, was a Thursday (index 3 from Monday).
	return (((day + 3) % 7) + 7) % 7;
}

function weekly(w: ZonedWindow, week: ParsedWeek): Interval[] {
	const wall: Interval[] = [];
	for (let day = w.firstDay; day <= w.lastDay; day++) {
		for (const [a, b] of week[weekdayIndex(day)]!) wall.push({ start: day * DAY + a * MINUTE, end: day * DAY + b * MINUTE });
	}
	return wallToInstants(w, wall);
}

function holidayClosures(w: ZonedWindow, p: Prepared): Interval[] {
	const wall: Interval[] = [];
	for (const h of p.holidays) {
		if (h.day < w.firstDay || h.day > w.lastDay) continue;
		if (!h.ranges) wall.push({ start: h.day * DAY, end: (h.day + 1) * DAY });
		else for (const [a, b] of h.ranges) wall.push({ start: h.day * DAY + a * MINUTE, end: h.day * DAY + b * MINUTE });
	}
	return wallToInstants(w, wall);
}

function leaveOf(w: ZonedWindow, p: PreparedPractitioner): Interval[] {
	return normalize([...wallToInstants(w, p.leaveDays), ...p.leavePeriods]);
}

function outOfService(r: Room | Device): Interval[] {
	return normalize((r.outOfService ?? []).map((o) => ({ start: instant(o.start, 'outOfService.start'), end: instant(o.end, 'outOfService.end') })));
}

const NONE: Interval[] = [];

// ---------------------------------------------------------------------------------------------
// findSlots

/**
 * A resource's free time as the starts it can take: `[first, last]` (both included) for each
 * free stretch long enough for the occupancy. Starts are visited in increasing order, so the
 * index only moves forward.
 */
function startCursor(free: readonly Interval[], occupancy: number): (t: number) => boolean {
	const first: number[] = [];
	const last: number[] = [];
	for (const f of free) {
		if (f.end - f.start >= occupancy) {
			first.push(f.start);
			last.push(f.end - occupancy);
		}
	}
	let i = 0;
	return (t) => {
		while (i < last.length && last[i]! < t) i++;
		return i < last.length && first[i]! <= t;
	};
}

function validStep(stepMinutes: number): number {
	if (!Number.isInteger(stepMinutes) || stepMinutes < 1 || 1440 % stepMinutes !== 0) throw new RangeError(`stepMinutes must divide a day (1440 minutes), not ${stepMinutes}`);
	return stepMinutes * MINUTE;
}

function mod(a: number, n: number): number {
	return ((a % n) + n) % n;
}

/**
 * Free slots in time order; at the same start, by practitioner (the input's order) then room
 * (the input's order). Devices are picked in the input's order, the first free of each type.
 */
export function findSlots(input: SchedulingInput, query: SlotQuery): Slot[] {
	const p = prepare(input);
	const step = validStep(query.stepMinutes);
	const perPractitioner = query.roomsPerPractitioner ?? 1;
	const maxResults = query.maxResults ?? Infinity;
	if (!(perPractitioner >= 1) || !(maxResults >= 0)) throw new RangeError('roomsPerPractitioner must be ≥ 1 and maxResults ≥ 0');
	const from = Math.max(instant(query.from, 'from'), query.notBefore === undefined ? -Infinity : instant(query.notBefore, 'notBefore'));
	const to = instant(query.to, 'to');
	if (!(to > from) || maxResults === 0) return [];

	const w = zonedWindow(p.timeZone, from, to + p.occupancy);
	const all = [{ start: w.start, end: w.end }];
	const open = subtract(weekly(w, p.opening), holidayClosures(w, p));
	const resourceFree = (r: Room | Device, busy: Interval[] | undefined) => (r.inService === false ? NONE : subtract(all, normalize([...outOfService(r), ...(busy ?? NONE)])));

	const practitioners = p.practitioners
		.filter((x) => p.allowed.has(x.id) && (query.practitionerId === undefined || x.id === query.practitionerId))
		.map((x) => {
			let free = intersect(open, weekly(w, x.working));
			free = subtract(free, weekly(w, x.breaks));
			free = subtract(free, leaveOf(w, x));
			free = subtract(free, p.busy.practitioner.get(x.id) ?? NONE);
			return { id: x.id, fits: startCursor(free, p.occupancy) };
		});
	const rooms = p.rooms
		.filter((r) => r.type === input.service.roomType && (query.roomId === undefined || r.id === query.roomId))
		.map((r) => ({ id: r.id, fits: startCursor(resourceFree(r, p.busy.room.get(r.id)), p.occupancy) }));
	const needs = p.needs.map((n) => ({
		count: n.count,
		devices: p.devices.filter((d) => d.type === n.type).map((d) => ({ id: d.id, fits: startCursor(resourceFree(d, p.busy.device.get(d.id)), p.occupancy) }))
	}));
	if (!practitioners.length || !rooms.length) return [];

	const slots: Slot[] = [];
	const freeRooms: string[] = [];
	const deviceIds: string[] = [];
	for (const seg of w.segments) {
		const lo = Math.max(seg.start, from);
		const hi = Math.min(seg.end, to);
		// The first instant ≥ lo whose wall clock sits on the step grid of this segment's offset.
		for (let t = lo + mod(-(lo + seg.offset), step); t < hi; t += step) {
			deviceIds.length = 0;
			let devicesOk = true;
			for (const n of needs) {
				let got = 0;
				for (const d of n.devices) {
					if (got === n.count) break;
					if (d.fits(t)) {
						deviceIds.push(d.id);
						got++;
					}
				}
				if (got < n.count) {
					devicesOk = false;
					break;
				}
			}
			if (!devicesOk) continue;
			freeRooms.length = 0;
			for (const r of rooms) if (r.fits(t)) freeRooms.push(r.id);
			if (!freeRooms.length) continue;
			for (const x of practitioners) {
				if (!x.fits(t)) continue;
				for (let j = 0; j < freeRooms.length && j < perPractitioner; j++) {
					slots.push({ start: t, end: t + p.duration, occupiedUntil: t + p.occupancy, practitionerId: x.id, roomId: freeRooms[j]!, deviceIds: deviceIds.slice() });
					if (slots.length >= maxResults) return slots;
				}
			}
		}
	}
	return slots;
}

// ---------------------------------------------------------------------------------------------
// checkBookable

export interface BookingProposal {
	start: Instant;
	practitionerId: string;
	roomId: string;
	/** The devices to hold; leave out to have the first free ones of each needed type chosen. */
	deviceIds?: readonly string[];
}

export interface BookingProblem {
	code: BookingConstraint;
	field: BookingField;
	/** For device problems: the device proposed, or the type that could not be served. */
	deviceId?: string;
	deviceType?: string;
}

export type BookingCheck = { ok: true; slot: Slot } | { ok: false; problems: BookingProblem[] };

/**
 * Whether one proposed booking can be made, and if not, every constraint it breaks (not just the
 * first), each tied to the input field a form should mark. Starts need not sit on a step grid:
 * a receptionist may book 10:07 on purpose.
 */
export function checkBookable(input: SchedulingInput, proposal: BookingProposal, options: { notBefore?: Instant } = {}): BookingCheck {
	const p = prepare(input);
	const start = instant(proposal.start, 'start');
	const end = start + p.occupancy;
	const w = zonedWindow(p.timeZone, start, end);
	const problems: BookingProblem[] = [];
	const problem = (code: BookingConstraint, extra: Partial<BookingProblem> = {}) => problems.push({ code, field: BOOKING_CONSTRAINTS[code], ...extra });

	if (options.notBefore !== undefined && start < options.notBefore) problem('in-the-past');
	if (!covers(weekly(w, p.opening), start, end)) problem('outside-opening-hours');
	if (overlaps(holidayClosures(w, p), start, end)) problem('holiday');

	if (!p.allowed.has(proposal.practitionerId)) problem('not-allowed-for-service');
	const who = p.practitioners.find((x) => x.id === proposal.practitionerId);
	if (!who || !covers(weekly(w, who.working), start, end)) problem('practitioner-not-working');
	if (who && overlaps(weekly(w, who.breaks), start, end)) problem('practitioner-on-break');
	if (who && overlaps(leaveOf(w, who), start, end)) problem('practitioner-on-leave');
	if (overlaps(p.busy.practitioner.get(proposal.practitionerId) ?? NONE, start, end)) problem('practitioner-busy');

	const room = p.rooms.find((r) => r.id === proposal.roomId);
	if (!room) problem('room-not-found');
	else {
		if (room.type !== input.service.roomType) problem('wrong-room-type');
		if (room.inService === false || overlaps(outOfService(room), start, end)) problem('room-out-of-service');
		if (overlaps(p.busy.room.get(room.id) ?? NONE, start, end)) problem('room-busy');
	}

	const usable = (d: Device) => d.inService !== false && !overlaps(outOfService(d), start, end);
	const free = (d: Device) => !overlaps(p.busy.device.get(d.id) ?? NONE, start, end);
	const chosen: string[] = [];
	if (proposal.deviceIds === undefined) {
		for (const n of p.needs) {
			const ofType = p.devices.filter((d) => d.type === n.type);
			const inService = ofType.filter(usable);
			const available = inService.filter(free);
			if (available.length >= n.count) chosen.push(...available.slice(0, n.count).map((d) => d.id));
			else if (inService.length >= n.count) problem('device-busy', { deviceType: n.type });
			else if (ofType.length >= n.count) problem('device-out-of-service', { deviceType: n.type });
			else problem('device-missing', { deviceType: n.type });
		}
	} else {
		const used = new Map<string, number>();
		const seen = new Set<string>();
		for (const id of proposal.deviceIds) {
			const device = p.devices.find((d) => d.id === id);
			const need = device && p.needs.find((n) => n.type === device.type);
			if (!device || !need || seen.has(id) || (used.get(device.type) ?? 0) >= need.count) {
				problem('device-not-suitable', { deviceId: id });
				continue;
			}
			seen.add(id);
			used.set(device.type, (used.get(device.type) ?? 0) + 1);
			if (!usable(device)) problem('device-out-of-service', { deviceId: id });
			if (!free(device)) problem('device-busy', { deviceId: id });
		}
		for (const n of p.needs) if ((used.get(n.type) ?? 0) < n.count) problem('device-missing', { deviceType: n.type });
		// Report devices in the service's order of types, as findSlots does.
		for (const n of p.needs) chosen.push(...proposal.deviceIds.filter((id) => p.devices.find((d) => d.id === id)?.type === n.type));
	}

	if (problems.length) return { ok: false, problems };
	return { ok: true, slot: { start, end: start + p.duration, occupiedUntil: end, practitionerId: proposal.practitionerId, roomId: proposal.roomId, deviceIds: chosen } };
}

// ---------------------------------------------------------------------------------------------
// nearestAlternatives

export interface AlternativesOptions {
	stepMinutes: number;
	/** How many to return (default 3). */
	k?: number;
	notBefore?: Instant;
	/** How far either side of the proposal to look (default 7 days). */
	withinMinutes?: number;
	/** Keep the proposed practitioner (default true: the patient asked for them). */
	samePractitioner?: boolean;
	/** Keep the proposed room (default false: any suitable room will do). */
	sameRoom?: boolean;
}

/**
 * The `k` free slots whose starts lie nearest the proposal's (equal distances: the earlier one
 * first), returned in time order — what a 409 answer offers instead. Each start comes with the
 * first free room of each free practitioner, as `findSlots` with `roomsPerPractitioner: 1`. The
 * search widens from two hours to a day to `withinMinutes`, stopping as soon as the nearest `k`
 * are settled.
 */
export function nearestAlternatives(input: SchedulingInput, proposal: Pick<BookingProposal, 'start' | 'practitionerId' | 'roomId'>, options: AlternativesOptions): Slot[] {
	const k = options.k ?? 3;
	const within = wholeMinutes(options.withinMinutes ?? 7 * 1440, 'withinMinutes', 0);
	const at = instant(proposal.start, 'start');
	if (k <= 0) return [];
	for (const radius of [...[120, 1440].filter((r) => r < within), within]) {
		const found = findSlots(input, {
			from: at - radius * MINUTE,
			to: at + radius * MINUTE + 1,
			stepMinutes: options.stepMinutes,
			notBefore: options.notBefore,
			practitionerId: options.samePractitioner === false ? undefined : proposal.practitionerId,
			roomId: options.sameRoom ? proposal.roomId : undefined
		});
		// Everything outside this window is farther than `radius`, so k found inside are final.
		if (found.length < k && radius < within) continue;
		return found
			.map((slot, order) => ({ slot, order, distance: Math.abs(slot.start - at) }))
			.sort((a, b) => a.distance - b.distance || a.order - b.order)
			.slice(0, k)
			.sort((a, b) => a.order - b.order)
			.map((x) => x.slot);
	}
	return [];
}
