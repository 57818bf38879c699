/**
 * A deliberately naive reference for the slot finder, for the property tests and the benchmark:
 * never use it to serve a request. It shares nothing with slot-finder.ts but the input types: it
 * walks the timeline minute by minute, asks `Intl` for each minute's wall clock (date, weekday,
 * time) and checks every rule straight from its definition. No intervals, no offsets, no
 * transitions: if the two ever disagree, one of them is wrong, and this one is easy to read.
 *
 * It sees time in whole minutes, so its answers are exact only for inputs whose instants fall
 * on whole minutes (the test generators make sure of that); each instant-valued rule
 * (busy, leave period, out of service) counts for a minute when it touches any of it.
 */
import type { BookingConstraint, LocalTimeRange, Weekday, WeeklyHours } from '../../shared/scheduling/slot.types.ts';
import type { BookingProposal, Period, SchedulingInput, Slot, SlotQuery } from './slot-finder.ts';

const MIN = 60_000;

interface Wall {
	date: string;
	weekday: Weekday;
	minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** Wall clocks already asked for, across calls: the property tests ask about the same minutes often. */
const walls = new Map<string, Map<number, Wall>>();

function wallOf(timeZone: string, t: number): Wall {
	let f = formats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
		formats.set(timeZone, f);
	}
	const part: Record<string, string> = {};
	for (const p of f.formatToParts(t)) part[p.type] = p.value;
	return { date: `${part.year}-${part.month}-${part.day}`, weekday: part.weekday!.toLowerCase() as Weekday, minute: Number(part.hour) * 60 + Number(part.minute) };
}

function clock(time: string): number {
	const [h, m] = time.split(':');
	return Number(h) * 60 + Number(m);
}

function inRanges(ranges: readonly LocalTimeRange[] | undefined, minute: number): boolean {
	return (ranges ?? []).some((r) => clock(r.start) <= minute && minute < clock(r.end));
}

function onDay(hours: WeeklyHours | undefined, wall: Wall): boolean {
	return inRanges(hours?.[wall.weekday], wall.minute);
}

function touches(periods: readonly Period[], m: number): boolean {
	return periods.some((p) => p.start < m + MIN && p.end > m);
}

/** Everything the brute force needs to say, for one minute, what is possible. */
function oracle(input: SchedulingInput) {
	const { service, branch } = input;
	let known = walls.get(branch.timeZone);
	if (!known || known.size > 200_000) walls.set(branch.timeZone, (known = new Map()));
	const wall = (m: number) => {
		let w = known.get(m);
		if (!w) known.set(m, (w = wallOf(branch.timeZone, m)));
		return w;
	};
	const occupancyMinutes = service.durationMinutes + (service.bufferAfterMinutes ?? 0);
	const busyLists = new Map<string, Period[]>();
	const busy = (key: string, match: (b: NonNullable<SchedulingInput['busy']>[number]) => boolean) => {
		let list = busyLists.get(key);
		if (!list) busyLists.set(key, (list = (input.busy ?? []).filter(match).map((b) => ({ start: b.start, end: b.end + (b.bufferAfterMinutes ?? 0) * MIN }))));
		return list;
	};

	const rule = {
		opening: (m: number) => onDay(branch.openingHours, wall(m)),
		holiday: (m: number) => (branch.holidays ?? []).some((h) => h.date === wall(m).date && (!h.closed || inRanges(h.closed, wall(m).minute))),
		working: (id: string, m: number) => onDay(input.practitioners.find((p) => p.id === id)?.workingHours, wall(m)),
		onBreak: (id: string, m: number) => onDay(input.practitioners.find((p) => p.id === id)?.breaks, wall(m)),
		onLeave: (id: string, m: number) =>
			(input.practitioners.find((p) => p.id === id)?.leave ?? []).some((l) => ('fromDate' in l ? l.fromDate <= wall(m).date && wall(m).date <= l.toDate : touches([l], m))),
		practitionerBusy: (id: string, m: number) => touches(busy(`p${id}`, (b) => b.practitionerId === id), m),
		roomOut: (id: string, m: number) => {
			const r = input.rooms.find((x) => x.id === id)!;
			return r.inService === false || touches(r.outOfService ?? [], m);
		},
		roomBusy: (id: string, m: number) => touches(busy(`r${id}`, (b) => b.roomId === id), m),
		deviceOut: (id: string, m: number) => {
			const d = (input.devices ?? []).find((x) => x.id === id)!;
			return d.inService === false || touches(d.outOfService ?? [], m);
		},
		deviceBusy: (id: string, m: number) => touches(busy(`d${id}`, (b) => (b.deviceIds ?? []).includes(id)), m)
	};

	const minutesOf = (start: number) => Array.from({ length: occupancyMinutes }, (_, i) => start + i * MIN);
	const always = (start: number, ok: (m: number) => boolean) => minutesOf(start).every(ok);
	const ever = (start: number, bad: (m: number) => boolean) => minutesOf(start).some(bad);

	// Memoised per resource and start only because the same question comes up many times.
	const memo = new Map<string, boolean>();
	const cached = (key: string, f: () => boolean) => {
		let v = memo.get(key);
		if (v === undefined) memo.set(key, (v = f()));
		return v;
	};
	const practitionerFree = (id: string, t: number) =>
		cached(`p${id}@${t}`, () => always(t, (m) => rule.opening(m) && !rule.holiday(m) && rule.working(id, m) && !rule.onBreak(id, m) && !rule.onLeave(id, m) && !rule.practitionerBusy(id, m)));
	const roomFree = (id: string, t: number) => cached(`r${id}@${t}`, () => always(t, (m) => !rule.roomOut(id, m) && !rule.roomBusy(id, m)));
	const deviceFree = (id: string, t: number) => cached(`d${id}@${t}`, () => always(t, (m) => !rule.deviceOut(id, m) && !rule.deviceBusy(id, m)));

	const needs = new Map<string, number>();
	for (const type of service.deviceTypes ?? []) needs.set(type, (needs.get(type) ?? 0) + 1);

	return { wall, rule, always, ever, practitionerFree, roomFree, deviceFree, needs, occupancyMinutes };
}

export function bruteForceSlots(input: SchedulingInput, query: SlotQuery): Slot[] {
	const o = oracle(input);
	const { service } = input;
	const slots: Slot[] = [];
	const perPractitioner = query.roomsPerPractitioner ?? 1;
	const max = query.maxResults ?? Infinity;
	const earliest = Math.max(query.from, query.notBefore ?? -Infinity);
	for (let t = Math.ceil(earliest / MIN) * MIN; t < query.to; t += MIN) {
		if (o.wall(t).minute % query.stepMinutes !== 0) continue;
		const deviceIds: string[] = [];
		let devicesOk = true;
		for (const [type, count] of o.needs) {
			const free = (input.devices ?? []).filter((d) => d.type === type && o.deviceFree(d.id, t));
			if (free.length < count) devicesOk = false;
			deviceIds.push(...free.slice(0, count).map((d) => d.id));
		}
		if (!devicesOk) continue;
		const rooms = input.rooms.filter((r) => r.type === service.roomType && (query.roomId === undefined || r.id === query.roomId) && o.roomFree(r.id, t));
		for (const p of input.practitioners) {
			if (!service.practitionerIds.includes(p.id) || (query.practitionerId !== undefined && p.id !== query.practitionerId)) continue;
			if (!o.practitionerFree(p.id, t)) continue;
			for (const r of rooms.slice(0, perPractitioner)) {
				if (slots.length >= max) return slots;
				slots.push({
					start: t,
					end: t + service.durationMinutes * MIN,
					occupiedUntil: t + o.occupancyMinutes * MIN,
					practitionerId: p.id,
					roomId: r.id,
					deviceIds: [...deviceIds]
				});
			}
		}
	}
	return slots;
}

/** The constraints a proposal breaks, as `code` or `code:device` / `code:type`, sorted. */
export function bruteForceProblems(input: SchedulingInput, proposal: BookingProposal, notBefore?: number): string[] {
	const o = oracle(input);
	const t = proposal.start;
	const pid = proposal.practitionerId;
	const out: string[] = [];
	const add = (code: BookingConstraint, detail?: string) => out.push(detail === undefined ? code : `${code}:${detail}`);

	if (notBefore !== undefined && t < notBefore) add('in-the-past');
	if (!o.always(t, o.rule.opening)) add('outside-opening-hours');
	if (o.ever(t, o.rule.holiday)) add('holiday');
	if (!input.service.practitionerIds.includes(pid)) add('not-allowed-for-service');
	if (!input.practitioners.some((p) => p.id === pid) || !o.always(t, (m) => o.rule.working(pid, m))) add('practitioner-not-working');
	if (o.ever(t, (m) => o.rule.onBreak(pid, m))) add('practitioner-on-break');
	if (o.ever(t, (m) => o.rule.onLeave(pid, m))) add('practitioner-on-leave');
	if (o.ever(t, (m) => o.rule.practitionerBusy(pid, m))) add('practitioner-busy');

	const room = input.rooms.find((r) => r.id === proposal.roomId);
	if (!room) add('room-not-found');
	else {
		if (room.type !== input.service.roomType) add('wrong-room-type');
		if (o.ever(t, (m) => o.rule.roomOut(room.id, m))) add('room-out-of-service');
		if (o.ever(t, (m) => o.rule.roomBusy(room.id, m))) add('room-busy');
	}

	const devices = input.devices ?? [];
	const usable = (id: string) => !o.ever(t, (m) => o.rule.deviceOut(id, m));
	const free = (id: string) => !o.ever(t, (m) => o.rule.deviceBusy(id, m));
	if (proposal.deviceIds === undefined) {
		for (const [type, count] of o.needs) {
			const ofType = devices.filter((d) => d.type === type);
			if (ofType.filter((d) => usable(d.id) && free(d.id)).length >= count) continue;
			if (ofType.filter((d) => usable(d.id)).length >= count) add('device-busy', type);
			else if (ofType.length >= count) add('device-out-of-service', type);
			else add('device-missing', type);
		}
	} else {
		const taken = new Map<string, number>();
		proposal.deviceIds.forEach((id, i) => {
			const d = devices.find((x) => x.id === id);
			const already = d ? (taken.get(d.type) ?? 0) : 0;
			if (!d || proposal.deviceIds!.indexOf(id) !== i || already >= (o.needs.get(d.type) ?? 0)) return add('device-not-suitable', id);
			taken.set(d.type, already + 1);
			if (!usable(id)) add('device-out-of-service', id);
			if (!free(id)) add('device-busy', id);
		});
		for (const [type, count] of o.needs) if ((taken.get(type) ?? 0) < count) add('device-missing', type);
	}
	return out.sort();
}
