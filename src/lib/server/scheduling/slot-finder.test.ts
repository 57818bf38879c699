import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type LocalTimeRange, type WeeklyHours } from '../../shared/scheduling/slot.types.ts';
import { covers, intersect, normalize, overlaps, subtract, type Interval } from './intervals.ts';
import {
	checkBookable,
	findSlots,
	nearestAlternatives,
	toSlotDto,
	type BookingCheck,
	type BookingProposal,
	type BusyInterval,
	type Device,
	type Holiday,
	type LeaveDays,
	type Period,
	type PractitionerSchedule,
	type Room,
	type SchedulingInput,
	type ServiceRequirements,
	type Slot,
	type SlotQuery
} from './slot-finder.ts';
import { bruteForceProblems, bruteForceSlots } from './slot-oracle.ts';
import { offsetAt, offsetSegments, startOfLocalDay, toOffsetIso } from './zoned-time.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** An instant written the way people read it: `at('2025-06-02T09:00+05:30')`. */
const at = (iso: string) => {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) throw new Error(`bad test instant ${iso}`);
	return t;
};

/** The finder's answer, after checking that the brute force gives exactly the same one. */
function slots(input: SchedulingInput, query: SlotQuery): Slot[] {
	const found = findSlots(input, query);
	expect(found).toEqual(bruteForceSlots(input, query));
	return found;
}

/** Slots as `<local ISO start> <practitioner> <room> [devices]`, easy to read in a failure. */
const show = (list: Slot[], tz: string) => list.map((s) => `${toOffsetIso(s.start, tz).slice(11, 16)} ${s.practitionerId} ${s.roomId}${s.deviceIds.length ? ` ${s.deviceIds.join('+')}` : ''}`);
const starts = (list: Slot[], tz: string) => [...new Set(list.map((s) => toOffsetIso(s.start, tz)))];
const codes = (check: BookingCheck) => (check.ok ? [] : check.problems.map((p) => p.code));

// A Kolkata branch on Monday 2 June 2025 (IST, +05:30, no DST).
const TZ = 'Asia/Kolkata';
const MON = '2025-06-02';
const ist = (time: string, date = MON) => at(`${date}T${time}+05:30`);
const DAY_FROM = ist('00:00');
const DAY_TO = ist('00:00', '2025-06-03');

const weekdays = (ranges: LocalTimeRange[], days = WEEKDAYS.slice(0, 5)): WeeklyHours => Object.fromEntries(days.map((d) => [d, ranges]));

function clinic(over: { service?: Partial<ServiceRequirements>; busy?: BusyInterval[]; rooms?: Room[]; devices?: Device[]; holidays?: Holiday[]; practitioners?: PractitionerSchedule[] } = {}): SchedulingInput {
	return {
		service: { durationMinutes: 30, bufferAfterMinutes: 10, roomType: 'laser', deviceTypes: ['co2'], practitionerIds: ['dr-a', 'dr-b'], ...over.service },
		branch: { timeZone: TZ, openingHours: { ...weekdays([{ start: '09:00', end: '18:00' }]), sat: [{ start: '09:00', end: '13:00' }] }, holidays: over.holidays },
		practitioners: over.practitioners ?? [
			{ id: 'dr-a', workingHours: weekdays([{ start: '09:00', end: '17:00' }]), breaks: weekdays([{ start: '13:00', end: '14:00' }]) },
			{ id: 'dr-b', workingHours: weekdays([{ start: '10:00', end: '18:00' }], [...WEEKDAYS.slice(0, 6)]) },
			{ id: 'dr-c', workingHours: weekdays([{ start: '09:00', end: '18:00' }]) }
		],
		rooms: over.rooms ?? [
			{ id: 'laser-1', type: 'laser' },
			{ id: 'laser-2', type: 'laser' },
			{ id: 'consult-1', type: 'consult' }
		],
		devices: over.devices ?? [
			{ id: 'co2-1', type: 'co2' },
			{ id: 'ipl-1', type: 'ipl' }
		],
		busy: over.busy
	};
}

const q = (over: Partial<SlotQuery> = {}): SlotQuery => ({ from: DAY_FROM, to: DAY_TO, stepMinutes: 10, ...over });
const propose = (time: string, practitionerId = 'dr-a', roomId = 'laser-1', extra: Partial<BookingProposal> = {}): BookingProposal => ({ start: ist(time), practitionerId, roomId, ...extra });

describe('zoned time', () => {
	it('knows the offsets, including half- and three-quarter-hour zones', () => {
		expect(offsetAt('Asia/Kolkata', at('2025-06-02T00:00Z'))).toBe(5.5 * HOUR);
		expect(offsetAt('Asia/Kathmandu', at('2025-06-02T00:00Z'))).toBe(5.75 * HOUR);
		expect(offsetAt('America/New_York', at('2025-01-15T12:00Z'))).toBe(-5 * HOUR);
		expect(offsetAt('America/New_York', at('2025-07-15T12:00Z'))).toBe(-4 * HOUR);
	});

	it('cuts a window at the exact DST transitions', () => {
		expect(offsetSegments('Europe/London', at('2025-03-29T00:00Z'), at('2025-04-01T00:00Z'))).toEqual([
			{ start: at('2025-03-29T00:00Z'), end: at('2025-03-30T01:00Z'), offset: 0 },
			{ start: at('2025-03-30T01:00Z'), end: at('2025-04-01T00:00Z'), offset: HOUR }
		]);
		expect(offsetSegments('America/New_York', at('2025-11-01T00:00Z'), at('2025-11-03T00:00Z')).map((s) => s.end)).toEqual([at('2025-11-02T06:00Z'), at('2025-11-03T00:00Z')]);
		expect(offsetSegments('Asia/Kolkata', 0, 30 * DAY)).toEqual([{ start: 0, end: 30 * DAY, offset: 5.5 * HOUR }]);
	});

	it('starts a local day at its first instant, also where midnight falls in a DST gap', () => {
		expect(startOfLocalDay('Asia/Kolkata', '2025-06-02')).toBe(at('2025-06-01T18:30Z'));
		expect(startOfLocalDay('Europe/London', '2025-03-30')).toBe(at('2025-03-30T00:00Z'));
		expect(startOfLocalDay('Europe/London', '2025-03-31')).toBe(at('2025-03-30T23:00Z'));
		// Santiago jumps from 00:00 to 01:00 on 7 September 2025: the day begins at 01:00 -03.
		expect(startOfLocalDay('America/Santiago', '2025-09-07')).toBe(at('2025-09-07T04:00Z'));
	});

	it('writes instants as ISO-8601 with the branch offset', () => {
		expect(toOffsetIso(at('2025-06-02T03:30Z'), 'Asia/Kolkata')).toBe('2025-06-02T09:00:00+05:30');
		expect(toOffsetIso(at('2025-10-26T00:30Z'), 'Europe/London')).toBe('2025-10-26T01:30:00+01:00');
		expect(toOffsetIso(at('2025-10-26T01:30Z'), 'Europe/London')).toBe('2025-10-26T01:30:00+00:00');
		expect(toOffsetIso(at('2025-03-09T07:00:00.250Z'), 'America/New_York')).toBe('2025-03-09T03:00:00.250-04:00');
	});
});

describe('interval sets', () => {
	// Sets over minutes 0..99, checked against a plain array of booleans.
	const arbSet = fc.array(fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 30 })), { maxLength: 6 }).map((xs) => xs.map(([s, l]) => ({ start: s, end: Math.min(100, s + l) })));
	const bits = (list: Interval[]) => Array.from({ length: 100 }, (_, m) => list.some((i) => i.start <= m && m < i.end));
	it('normalize, intersect, subtract, covers and overlaps match a bitmap', () => {
		fc.assert(
			fc.property(arbSet, arbSet, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 20 }), (a, b, s, l) => {
				const [na, nb] = [normalize(a), normalize(b)];
				for (let i = 1; i < na.length; i++) expect(na[i]!.start).toBeGreaterThan(na[i - 1]!.end);
				const [ba, bb] = [bits(a), bits(b)];
				expect(bits(na)).toEqual(ba);
				expect(bits(intersect(na, nb))).toEqual(ba.map((x, i) => x && bb[i]));
				expect(bits(subtract(na, nb))).toEqual(ba.map((x, i) => x && !bb[i]));
				const e = Math.min(100, s + l);
				expect(covers(na, s, e)).toBe(ba.slice(s, e).every(Boolean));
				expect(overlaps(na, s, e)).toBe(ba.slice(s, e).some(Boolean));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('findSlots: examples', () => {
	it('offers each allowed practitioner with the first free suitable room, in time then practitioner order', () => {
		const found = slots(clinic(), q({ from: ist('09:50'), to: ist('10:20') }));
		expect(show(found, TZ)).toEqual(['09:50 dr-a laser-1 co2-1', '10:00 dr-a laser-1 co2-1', '10:00 dr-b laser-1 co2-1', '10:10 dr-a laser-1 co2-1', '10:10 dr-b laser-1 co2-1']);
		expect(found[0]).toEqual({ start: ist('09:50'), end: ist('10:20'), occupiedUntil: ist('10:30'), practitionerId: 'dr-a', roomId: 'laser-1', deviceIds: ['co2-1'] });
		expect(toSlotDto(found[0]!, TZ)).toEqual({ start: '2025-06-02T09:50:00+05:30', end: '2025-06-02T10:20:00+05:30', practitionerId: 'dr-a', roomId: 'laser-1' });
	});

	it('gives every (practitioner, room) combination on request, rooms in the order given', () => {
		const found = slots(clinic(), q({ from: ist('10:00'), to: ist('10:10'), roomsPerPractitioner: Infinity }));
		expect(show(found, TZ)).toEqual(['10:00 dr-a laser-1 co2-1', '10:00 dr-a laser-2 co2-1', '10:00 dr-b laser-1 co2-1', '10:00 dr-b laser-2 co2-1']);
	});

	it('keeps the buffer after the last appointment of the day inside opening and working hours', () => {
		const input = clinic();
		expect(starts(slots(input, q({ practitionerId: 'dr-b', from: ist('17:00') })), TZ).map((s) => s.slice(11, 16))).toEqual(['17:00', '17:10', '17:20']);
		expect(codes(checkBookable(input, propose('17:30', 'dr-b')))).toEqual(['outside-opening-hours', 'practitioner-not-working']);
		// dr-a stops at 17:00: the last start whose clean-up ends by then is 16:20.
		expect(slots(input, q({ practitionerId: 'dr-a', from: ist('16:00'), to: ist('17:00') })).map((s) => toOffsetIso(s.start, TZ).slice(11, 16))).toEqual(['16:00', '16:10', '16:20']);
	});

	it('keeps the buffer after an existing appointment, and lets bookings touch end to start', () => {
		const input = clinic({ busy: [{ start: ist('10:00'), end: ist('10:30'), bufferAfterMinutes: 10, practitionerId: 'dr-a', roomId: 'laser-1', deviceIds: ['ipl-1'] }] });
		const drA = slots(input, q({ practitionerId: 'dr-a', from: ist('09:00'), to: ist('11:00') }));
		// 09:20 + 40 minutes occupancy ends at 10:00, exactly when the appointment starts.
		expect(starts(drA, TZ).map((s) => s.slice(11, 16))).toEqual(['09:00', '09:10', '09:20', '10:40', '10:50']);
		expect(codes(checkBookable(input, propose('09:21')))).toEqual(['practitioner-busy', 'room-busy']);
		expect(codes(checkBookable(input, propose('10:39', 'dr-a', 'laser-2')))).toEqual(['practitioner-busy']);
		expect(checkBookable(input, propose('10:40')).ok).toBe(true);
	});

	it('allows a slot ending exactly when a break starts and refuses one overlapping it by a minute', () => {
		const noBuffer = clinic({ service: { bufferAfterMinutes: 0 } });
		expect(checkBookable(noBuffer, propose('12:30')).ok).toBe(true);
		expect(codes(checkBookable(noBuffer, propose('12:31')))).toEqual(['practitioner-on-break']);
		expect(codes(checkBookable(noBuffer, propose('13:59')))).toEqual(['practitioner-on-break']);
		expect(checkBookable(noBuffer, propose('14:00')).ok).toBe(true);
		// With a 10-minute buffer the clean-up must be over by 13:00 as well.
		const buffered = clinic();
		expect(checkBookable(buffered, propose('12:20')).ok).toBe(true);
		expect(codes(checkBookable(buffered, propose('12:30')))).toEqual(['practitioner-on-break']);
		const around = slots(buffered, q({ practitionerId: 'dr-a', from: ist('12:00'), to: ist('14:30'), stepMinutes: 5 }));
		expect(starts(around, TZ).map((s) => s.slice(11, 16))).toEqual(['12:00', '12:05', '12:10', '12:15', '12:20', '14:00', '14:05', '14:10', '14:15', '14:20', '14:25']);
	});

	it('skips a room out of service, permanently or for a while', () => {
		const input = clinic({
			rooms: [
				{ id: 'laser-1', type: 'laser', inService: false },
				{ id: 'laser-2', type: 'laser', outOfService: [{ start: ist('10:00'), end: ist('12:00') }] }
			]
		});
		const found = slots(input, q({ from: ist('09:00'), to: ist('13:00') }));
		expect(new Set(found.map((s) => s.roomId))).toEqual(new Set(['laser-2']));
		expect(found.some((s) => s.start < ist('12:00') && s.occupiedUntil > ist('10:00'))).toBe(false);
		expect(codes(checkBookable(input, propose('11:00', 'dr-a', 'laser-2')))).toEqual(['room-out-of-service']);
		expect(codes(checkBookable(input, propose('15:00', 'dr-a', 'laser-1')))).toEqual(['room-out-of-service']);
	});

	it('treats devices as the branch\'s: one taken in another room is taken, a second of its type is used', () => {
		const busy = [{ start: ist('11:00'), end: ist('12:00'), roomId: 'laser-2', practitionerId: 'dr-b', deviceIds: ['co2-1'] }];
		const one = clinic({ busy });
		expect(slots(one, q({ from: ist('10:00'), to: ist('12:00'), practitionerId: 'dr-a' })).map((s) => toOffsetIso(s.start, TZ).slice(11, 16))).toEqual(['10:00', '10:10', '10:20']);
		expect(checkBookable(one, propose('11:00'))).toEqual({ ok: false, problems: [{ code: 'device-busy', field: 'deviceIds', deviceType: 'co2' }] });
		const two = clinic({ busy, devices: [{ id: 'co2-1', type: 'co2' }, { id: 'co2-2', type: 'co2' }] });
		expect(show(slots(two, q({ from: ist('11:00'), to: ist('11:10') })), TZ)).toEqual(['11:00 dr-a laser-1 co2-2']);
		const check = checkBookable(two, propose('11:00'));
		expect(check.ok && check.slot.deviceIds).toEqual(['co2-2']);
	});

	it('needs one device per listed type, and none for a service without devices', () => {
		const both = clinic({ service: { deviceTypes: ['co2', 'ipl'] } });
		expect(slots(both, q({ from: ist('10:00'), to: ist('10:10') }))[0]!.deviceIds).toEqual(['co2-1', 'ipl-1']);
		expect(slots(clinic({ service: { deviceTypes: ['co2', 'co2'] } }), q())).toEqual([]);
		expect(slots(clinic({ service: { deviceTypes: [] }, devices: [] }), q({ from: ist('10:00'), to: ist('10:10') })).map((s) => s.deviceIds)).toEqual([[], []]);
	});

	it('closes on a holiday, whole or in part', () => {
		expect(slots(clinic({ holidays: [{ date: MON }] }), q())).toEqual([]);
		const partial = clinic({ holidays: [{ date: MON, closed: [{ start: '09:00', end: '12:00' }] }] });
		expect(slots(partial, q({ stepMinutes: 30 }))[0]!.start).toBe(ist('12:00'));
		expect(codes(checkBookable(partial, propose('11:30')))).toEqual(['holiday']);
		// Another day's holiday changes nothing today.
		expect(slots(clinic({ holidays: [{ date: '2025-06-03' }] }), q())).toEqual(findSlots(clinic(), q()));
	});

	it('leaves out a practitioner on leave, for whole days or an exact period', () => {
		const days: LeaveDays = { fromDate: '2025-05-30', toDate: MON };
		const onLeave = clinic({ practitioners: [{ id: 'dr-a', workingHours: weekdays([{ start: '09:00', end: '17:00' }]), leave: [days] }] });
		expect(slots(onLeave, q())).toEqual([]);
		expect(codes(checkBookable(onLeave, propose('10:00')))).toEqual(['practitioner-on-leave']);
		const period: Period = { start: ist('15:00'), end: ist('16:00') };
		const partly = clinic({ practitioners: [{ id: 'dr-a', workingHours: weekdays([{ start: '09:00', end: '17:00' }]), leave: [period] }] });
		const found = starts(slots(partly, q({ from: ist('14:00'), to: ist('16:30'), stepMinutes: 30 })), TZ).map((s) => s.slice(11, 16));
		expect(found).toEqual(['14:00', '16:00']);
		expect(codes(checkBookable(partly, propose('14:30')))).toEqual(['practitioner-on-leave']);
	});

	it('never offers a practitioner not allowed to perform the service', () => {
		const input = clinic();
		expect(slots(input, q()).some((s) => s.practitionerId === 'dr-c')).toBe(false);
		expect(slots(input, q({ practitionerId: 'dr-c' }))).toEqual([]);
		expect(codes(checkBookable(input, propose('10:00', 'dr-c')))).toEqual(['not-allowed-for-service']);
		expect(codes(checkBookable(input, propose('10:00', 'dr-nobody')))).toEqual(['not-allowed-for-service', 'practitioner-not-working']);
	});

	it('filters by a chosen practitioner and a chosen room', () => {
		const input = clinic();
		const found = slots(input, q({ practitionerId: 'dr-b', roomId: 'laser-2' }));
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((s) => s.practitionerId === 'dr-b' && s.roomId === 'laser-2')).toBe(true);
		expect(slots(input, q({ roomId: 'consult-1' }))).toEqual([]);
		expect(codes(checkBookable(input, propose('10:00', 'dr-a', 'consult-1')))).toEqual(['wrong-room-type']);
		expect(codes(checkBookable(input, propose('10:00', 'dr-a', 'laser-9')))).toEqual(['room-not-found']);
	});

	it('offers nothing before "now", and rounds up to the next step', () => {
		const found = slots(clinic(), q({ notBefore: ist('10:07') + 13_000 }));
		expect(found[0]!.start).toBe(ist('10:10'));
		expect(codes(checkBookable(clinic(), propose('10:00'), { notBefore: ist('10:07') }))).toEqual(['in-the-past']);
		expect(slots(clinic(), q({ notBefore: DAY_TO }))).toEqual([]);
	});

	it('aligns starts to the branch clock, not to UTC', () => {
		const kathmandu: SchedulingInput = { ...clinic(), branch: { timeZone: 'Asia/Kathmandu', openingHours: weekdays([{ start: '09:00', end: '18:00' }]) } };
		const first = slots(kathmandu, { from: at('2025-06-02T00:00Z'), to: at('2025-06-03T00:00Z'), stepMinutes: 15 })[0]!;
		expect(toOffsetIso(first.start, 'Asia/Kathmandu')).toBe('2025-06-02T09:00:00+05:45');
		expect(first.start).toBe(at('2025-06-02T03:15Z'));
	});

	it('stops at maxResults and reports every broken rule at once', () => {
		expect(slots(clinic(), q({ maxResults: 3 }))).toHaveLength(3);
		const busy = [{ start: ist('20:00', '2025-06-07'), end: ist('21:00', '2025-06-07'), practitionerId: 'dr-c', roomId: 'consult-1', deviceIds: ['co2-1'] }];
		const check = checkBookable(clinic({ busy }), { start: ist('20:30', '2025-06-07'), practitionerId: 'dr-c', roomId: 'consult-1', deviceIds: ['ipl-1', 'co2-1', 'co2-1'] }, { notBefore: ist('00:00', '2025-06-08') });
		expect(check).toEqual({
			ok: false,
			problems: [
				{ code: 'in-the-past', field: 'start' },
				{ code: 'outside-opening-hours', field: 'start' },
				{ code: 'not-allowed-for-service', field: 'practitionerId' },
				{ code: 'practitioner-not-working', field: 'practitionerId' },
				{ code: 'practitioner-busy', field: 'practitionerId' },
				{ code: 'wrong-room-type', field: 'roomId' },
				{ code: 'room-busy', field: 'roomId' },
				{ code: 'device-not-suitable', field: 'deviceIds', deviceId: 'ipl-1' },
				{ code: 'device-busy', field: 'deviceIds', deviceId: 'co2-1' },
				{ code: 'device-not-suitable', field: 'deviceIds', deviceId: 'co2-1' }
			]
		});
	});

	it('takes the devices a proposal names, or picks them', () => {
		const input = clinic({ devices: [{ id: 'co2-1', type: 'co2' }, { id: 'co2-2', type: 'co2', outOfService: [{ start: ist('09:00'), end: ist('12:00') }] }] });
		expect(checkBookable(input, propose('10:00', 'dr-a', 'laser-1', { deviceIds: ['co2-2'] }))).toEqual({ ok: false, problems: [{ code: 'device-out-of-service', field: 'deviceIds', deviceId: 'co2-2' }] });
		expect(codes(checkBookable(input, propose('10:00', 'dr-a', 'laser-1', { deviceIds: [] })))).toEqual(['device-missing']);
		const ok = checkBookable(input, propose('12:00', 'dr-a', 'laser-1', { deviceIds: ['co2-2'] }));
		expect(ok).toEqual({ ok: true, slot: { start: ist('12:00'), end: ist('12:30'), occupiedUntil: ist('12:40'), practitionerId: 'dr-a', roomId: 'laser-1', deviceIds: ['co2-2'] } });
		expect(codes(checkBookable(clinic({ devices: [] }), propose('10:00')))).toEqual(['device-missing']);
		expect(codes(checkBookable(clinic({ devices: [{ id: 'co2-1', type: 'co2', inService: false }] }), propose('10:00')))).toEqual(['device-out-of-service']);
	});

	it('refuses malformed input by name', () => {
		expect(() => findSlots(clinic(), q({ stepMinutes: 7 }))).toThrow(/stepMinutes/);
		expect(() => findSlots({ ...clinic(), branch: { timeZone: 'Mars/Olympus', openingHours: {} } }, q())).toThrow(/Mars\/Olympus/);
		expect(() => findSlots({ ...clinic(), branch: { timeZone: TZ, openingHours: { mon: [{ start: '09:00', end: '25:00' }] } } }, q())).toThrow(/25:00/);
		expect(() => findSlots({ ...clinic(), branch: { timeZone: TZ, openingHours: { mon: [{ start: '10:00', end: '09:00' }] } } }, q())).toThrow(/end after/);
		expect(() => findSlots({ ...clinic(), branch: { timeZone: TZ, openingHours: { mon: [{ start: '09:00:30', end: '10:00' }] } } }, q())).toThrow(/09:00:30/);
		expect(() => findSlots({ ...clinic(), branch: { timeZone: TZ, openingHours: { monday: [] } as WeeklyHours } }, q())).toThrow(/monday/);
		const pgTimes: SchedulingInput = { ...clinic(), branch: { timeZone: TZ, openingHours: { mon: [{ start: '09:00:00', end: '18:00:00' }] } } };
		expect(findSlots(pgTimes, q())).toEqual(findSlots(clinic(), q()));
		expect(() => findSlots(clinic({ service: { durationMinutes: 0 } }), q())).toThrow(/durationMinutes/);
		expect(() => findSlots(clinic({ holidays: [{ date: '2025-02-30' }] }), q())).toThrow(/2025-02-30/);
	});
});

describe('findSlots across DST', () => {
	const night = (timeZone: string, day: (typeof WEEKDAYS)[number], hours: LocalTimeRange, durationMinutes: number): SchedulingInput => ({
		service: { durationMinutes, roomType: 'room', practitionerIds: ['p'] },
		branch: { timeZone, openingHours: { [day]: [hours] } },
		practitioners: [{ id: 'p', workingHours: { [day]: [{ start: '00:00', end: '24:00' }] } }],
		rooms: [{ id: 'r', type: 'room' }]
	});
	const dayOf = (timeZone: string, date: string) => ({ from: startOfLocalDay(timeZone, date), to: startOfLocalDay(timeZone, date) + 2 * DAY });

	it('London spring forward: 01:00–02:00 does not exist, 00:30 + 30 min ends at 02:00 BST', () => {
		const found = slots(night('Europe/London', 'sun', { start: '00:00', end: '04:00' }, 30), { ...dayOf('Europe/London', '2025-03-30'), stepMinutes: 30 });
		expect(found.map((s) => toOffsetIso(s.start, 'Europe/London').slice(11))).toEqual(['00:00:00+00:00', '00:30:00+00:00', '02:00:00+01:00', '02:30:00+01:00', '03:00:00+01:00', '03:30:00+01:00']);
		expect(toOffsetIso(found[1]!.end, 'Europe/London')).toBe('2025-03-30T02:00:00+01:00');
		// A wall time in the gap is on nobody's clock; a range starting in it begins at 02:00 BST.
		const gap = slots(night('Europe/London', 'sun', { start: '01:30', end: '03:00' }, 30), { ...dayOf('Europe/London', '2025-03-30'), stepMinutes: 30 });
		expect(gap.map((s) => s.start)).toEqual([at('2025-03-30T01:00Z'), at('2025-03-30T01:30Z')]);
	});

	it('London fall back: 01:00–02:00 happens twice and both are offered', () => {
		const found = slots(night('Europe/London', 'sun', { start: '00:00', end: '04:00' }, 30), { ...dayOf('Europe/London', '2025-10-26'), stepMinutes: 30 });
		expect(found.map((s) => toOffsetIso(s.start, 'Europe/London').slice(11))).toEqual([
			'00:00:00+01:00',
			'00:30:00+01:00',
			'01:00:00+01:00',
			'01:30:00+01:00',
			'01:00:00+00:00',
			'01:30:00+00:00',
			'02:00:00+00:00',
			'02:30:00+00:00',
			'03:00:00+00:00',
			'03:30:00+00:00'
		]);
	});

	it('New York: an hour-long service across the spring gap and in the repeated hour', () => {
		const spring = slots(night('America/New_York', 'sun', { start: '01:00', end: '04:00' }, 60), { ...dayOf('America/New_York', '2025-03-09'), stepMinutes: 60 });
		expect(spring.map((s) => [toOffsetIso(s.start, 'America/New_York'), toOffsetIso(s.end, 'America/New_York')])).toEqual([
			['2025-03-09T01:00:00-05:00', '2025-03-09T03:00:00-04:00'],
			['2025-03-09T03:00:00-04:00', '2025-03-09T04:00:00-04:00']
		]);
		const fall = slots(night('America/New_York', 'sun', { start: '01:00', end: '04:00' }, 60), { ...dayOf('America/New_York', '2025-11-02'), stepMinutes: 60 });
		expect(fall.map((s) => s.start)).toEqual([at('2025-11-02T05:00Z'), at('2025-11-02T06:00Z'), at('2025-11-02T07:00Z'), at('2025-11-02T08:00Z')]);
	});

	it('a day clinic keeps its local hours on both sides of a transition', () => {
		const input: SchedulingInput = { ...night('America/New_York', 'sat', { start: '09:00', end: '17:00' }, 60), branch: { timeZone: 'America/New_York', openingHours: weekdays([{ start: '09:00', end: '17:00' }], [...WEEKDAYS]) } };
		input.practitioners = [{ id: 'p', workingHours: weekdays([{ start: '00:00', end: '24:00' }], [...WEEKDAYS]) }];
		const found = slots(input, { from: at('2025-03-08T00:00-05:00'), to: at('2025-03-10T00:00-04:00'), stepMinutes: 60 });
		expect(found.map((s) => toOffsetIso(s.start, 'America/New_York').slice(0, 16)).filter((s) => s.endsWith('09:00'))).toEqual(['2025-03-08T09:00', '2025-03-09T09:00']);
		expect(found.filter((s) => toOffsetIso(s.start, 'America/New_York').startsWith('2025-03-09T09:00'))[0]!.start).toBe(at('2025-03-09T13:00Z'));
		expect(found).toHaveLength(16);
	});

	it('Santiago: a day that begins at 01:00, and a Saturday whose last hour happens twice', () => {
		const spring = slots(night('America/Santiago', 'sun', { start: '00:00', end: '03:00' }, 60), { ...dayOf('America/Santiago', '2025-09-07'), stepMinutes: 60 });
		expect(spring.map((s) => toOffsetIso(s.start, 'America/Santiago'))).toEqual(['2025-09-07T01:00:00-03:00', '2025-09-07T02:00:00-03:00']);
		// At Saturday 24:00 on 5 April 2025 clocks go back to Saturday 23:00.
		const fall = slots(night('America/Santiago', 'sat', { start: '23:00', end: '24:00' }, 30), { from: at('2025-04-05T12:00Z'), to: at('2025-04-06T12:00Z'), stepMinutes: 30 });
		expect(fall.map((s) => toOffsetIso(s.start, 'America/Santiago'))).toEqual(['2025-04-05T23:00:00-03:00', '2025-04-05T23:30:00-03:00', '2025-04-05T23:00:00-04:00', '2025-04-05T23:30:00-04:00']);
	});
});

describe('nearestAlternatives', () => {
	it('offers the nearest free starts around a refused one, in time order', () => {
		const input = clinic({ busy: [{ start: ist('10:30'), end: ist('11:40'), practitionerId: 'dr-a' }] });
		const refused = propose('11:00');
		expect(checkBookable(input, refused).ok).toBe(false);
		// 11:45 and 12:00 are nearest; 09:45 and 12:15 are equally far, and the earlier one wins.
		const found = nearestAlternatives(input, refused, { stepMinutes: 15, k: 3 });
		expect(show(found, TZ)).toEqual(['09:45 dr-a laser-1 co2-1', '11:45 dr-a laser-1 co2-1', '12:00 dr-a laser-1 co2-1']);
		const anyone = nearestAlternatives(input, refused, { stepMinutes: 15, k: 2, samePractitioner: false });
		expect(show(anyone, TZ)).toEqual(['10:45 dr-b laser-1 co2-1', '11:00 dr-b laser-1 co2-1']);
	});

	it('widens the search to other days, and never looks into the past', () => {
		const input = clinic({ holidays: [{ date: MON }, { date: '2025-06-03' }] });
		const found = nearestAlternatives(input, propose('10:00'), { stepMinutes: 30, k: 2, notBefore: ist('00:00') });
		expect(found.map((s) => toOffsetIso(s.start, TZ))).toEqual(['2025-06-04T09:00:00+05:30', '2025-06-04T09:30:00+05:30']);
		expect(nearestAlternatives(input, propose('10:00'), { stepMinutes: 30, withinMinutes: 24 * 60 })).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// Property tests: the finder against the minute-by-minute brute force

const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/London', 'America/New_York', 'America/Santiago', 'America/Havana', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Africa/Casablanca'];
const YEAR_FROM = Date.UTC(2025, 0, 1);
const YEAR_TO = Date.UTC(2027, 0, 1);

/** Instants where each zone's offset changes in 2025–2026, found by plain hourly sampling. */
const TRANSITIONS: Record<string, number[]> = Object.fromEntries(
	ZONES.map((zone) => {
		const f = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
		const name = (t: number) => f.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value;
		const found: number[] = [];
		for (let t = YEAR_FROM, prev = name(t); t < YEAR_TO; t += HOUR) {
			const now = name(t);
			if (now !== prev) found.push(t);
			prev = now;
		}
		return [zone, found];
	})
);

const localDate = (zone: string, t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const arbMinute = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 287 }).map((x) => x * 5) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 1439 }) });
const arbRange = fc.tuple(arbMinute, fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 60, max: 900 }))).map(([s, len]): LocalTimeRange => ({ start: hhmm(s), end: hhmm(Math.min(1440, s + len)) }));
const arbRanges = fc.oneof({ weight: 4, arbitrary: fc.array(arbRange, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) });
const allDay: WeeklyHours = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
const arbWeek = (allDayWeight: number) =>
	fc.oneof(
		{ weight: allDayWeight, arbitrary: fc.constant(allDay) },
		{ weight: 1, arbitrary: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, arbRanges])) as Record<(typeof WEEKDAYS)[number], typeof arbRanges>, ) as fc.Arbitrary<WeeklyHours> }
	);
/** Mostly absent: each restriction alone already removes much of the free time. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const arbDuration = fc.oneof(fc.integer({ min: 1, max: 24 }).map((x) => x * 5), fc.integer({ min: 1, max: 150 }));

const PRACTITIONERS = ['p1', 'p2', 'p3'];
const ROOMS = ['r1', 'r2', 'r3'];
const DEVICES = ['d1', 'd2', 'd3', 'd4'];

interface World {
	input: SchedulingInput;
	query: SlotQuery;
	proposals: BookingProposal[];
	notBefore?: number;
}

const arbWindow = fc
	.record({
		zone: fc.constantFrom(...ZONES),
		pick: fc.nat(),
		nearTransition: fc.boolean(),
		shift: fc.integer({ min: -1800, max: 600 }),
		length: fc.integer({ min: 60, max: 1800 }),
		ms: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 59_999 }) })
	})
	.map(({ zone, pick, nearTransition, shift, length, ms }) => {
		const transitions = TRANSITIONS[zone]!;
		const base = nearTransition && transitions.length ? transitions[pick % transitions.length]! : YEAR_FROM + (pick % 700) * DAY;
		const from = Math.floor(base / MIN) * MIN + shift * MIN + ms;
		return { zone, from, to: from + length * MIN, length };
	});

const arbWorld: fc.Arbitrary<World> = arbWindow.chain(({ zone, from, to, length }) => {
	const minuteIn = (before: number, after: number) => fc.integer({ min: -before, max: length + after }).map((m) => Math.floor(from / MIN) * MIN + m * MIN);
	const arbPeriod = fc.tuple(minuteIn(600, 300), fc.integer({ min: 1, max: 300 })).map(([start, len]): Period => ({ start, end: start + len * MIN }));
	const arbDate = fc.integer({ min: -1, max: 2 }).map((k) => localDate(zone, from + k * DAY));
	const arbLeave = fc.oneof(
		fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 1 })).map(([k, n]): LeaveDays => ({ fromDate: localDate(zone, from + k * DAY), toDate: localDate(zone, from + (k + n) * DAY) })),
		arbPeriod
	);
	const arbHoliday = fc.record({ date: arbDate, closed: fc.array(arbRange, { minLength: 1, maxLength: 2 }) }, { requiredKeys: ['date'] });
	const arbOutage = { inService: rarely(fc.boolean()), outOfService: rarely(fc.array(arbPeriod, { minLength: 1, maxLength: 2 })) };
	const practitioners = fc.shuffledSubarray(PRACTITIONERS, { minLength: 2 }).chain((ids) =>
		fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), workingHours: arbWeek(2), breaks: rarely(arbWeek(0)), leave: rarely(fc.array(arbLeave, { minLength: 1, maxLength: 2 })) })))
	);
	const roomType = fc.oneof({ weight: 4, arbitrary: fc.constant('laser') }, { weight: 1, arbitrary: fc.constant('consult') });
	const rooms = fc.shuffledSubarray(ROOMS, { minLength: 1 }).chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), type: id === 'r1' ? fc.constant('laser') : roomType, ...arbOutage }))));
	const devices = fc.shuffledSubarray(DEVICES, { minLength: 2 }).chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), type: fc.constantFrom('co2', 'ipl'), ...arbOutage }))));
	const service = fc.record({
		durationMinutes: arbDuration,
		bufferAfterMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
		roomType,
		deviceTypes: fc.array(fc.constantFrom('co2', 'ipl'), { maxLength: 2 }),
		practitionerIds: fc.oneof({ weight: 3, arbitrary: fc.constant(PRACTITIONERS) }, { weight: 1, arbitrary: fc.subarray([...PRACTITIONERS, 'p4']) })
	});
	const busy = fc.array(
		fc.record(
			{
				span: arbPeriod,
				bufferAfterMinutes: fc.integer({ min: 0, max: 20 }),
				practitionerId: fc.constantFrom(...PRACTITIONERS, 'elsewhere'),
				roomId: fc.constantFrom(...ROOMS),
				deviceIds: fc.subarray(DEVICES, { maxLength: 2 })
			},
			{ requiredKeys: ['span'] }
		).map(({ span, ...rest }): BusyInterval => ({ ...span, ...rest })),
		{ maxLength: 10 }
	);
	const query = fc.record({
		stepMinutes: fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 10, arbitrary: fc.constantFrom(5, 10, 15, 20, 30, 60) }),
		notBefore: rarely(fc.tuple(minuteIn(60, 0), fc.integer({ min: 0, max: 59_999 })).map(([t, ms]) => t + ms)),
		practitionerId: rarely(fc.constantFrom(...PRACTITIONERS, 'p4')),
		roomId: rarely(fc.constantFrom(...ROOMS)),
		roomsPerPractitioner: fc.constantFrom(1, 2, Infinity),
		maxResults: rarely(fc.integer({ min: 0, max: 30 }))
	});
	const proposal = fc.record(
		{
			start: minuteIn(120, 60),
			practitionerId: fc.constantFrom(...PRACTITIONERS, 'p4', 'ghost'),
			roomId: fc.constantFrom(...ROOMS, 'ghost'),
			deviceIds: fc.array(fc.constantFrom(...DEVICES, 'ghost'), { maxLength: 3 })
		},
		{ requiredKeys: ['start', 'practitionerId', 'roomId'] }
	);
	return fc
		.record({
			service,
			opening: arbWeek(3),
			holidays: rarely(fc.array(arbHoliday, { minLength: 1, maxLength: 2 })),
			practitioners,
			rooms,
			devices,
			busy,
			query,
			proposals: fc.array(proposal, { minLength: 1, maxLength: 8 }),
			notBefore: rarely(minuteIn(60, 0))
		})
		.map(
			(w): World => ({
				input: { service: w.service, branch: { timeZone: zone, openingHours: w.opening, holidays: w.holidays }, practitioners: w.practitioners, rooms: w.rooms, devices: w.devices, busy: w.busy },
				query: { from, to, ...w.query },
				proposals: w.proposals,
				notBefore: w.notBefore
			})
		);
});

const problemKeys = (check: BookingCheck) => (check.ok ? [] : check.problems.map((p) => [p.code, p.deviceId ?? p.deviceType].filter(Boolean).join(':')).sort());

describe('findSlots against the brute force', () => {
	it('finds exactly the slots the brute force finds, in the same order', { timeout: 120_000 }, () => {
		let nonEmpty = 0;
		fc.assert(
			fc.property(arbWorld, ({ input, query }) => {
				const found = findSlots(input, query);
				expect(found).toEqual(bruteForceSlots(input, query));
				if (found.length) nonEmpty++;
			}),
			{ numRuns: 300 }
		);
		// The generators must produce real answers, not mostly empty ones.
		expect(nonEmpty).toBeGreaterThan(60);
	});

	it('checkBookable names exactly the constraints the brute force finds broken', { timeout: 120_000 }, () => {
		let accepted = 0;
		fc.assert(
			fc.property(arbWorld, ({ input, query, proposals, notBefore }) => {
				// Besides random proposals, the edges of real slots: a minute early or late, and the
				// instant the slot's occupancy ends.
				const edges = findSlots(input, { ...query, maxResults: 3 }).flatMap((s) =>
					[s.start, s.start - MIN, s.start + MIN, s.occupiedUntil].map((start) => ({ start, practitionerId: s.practitionerId, roomId: s.roomId, deviceIds: s.deviceIds }))
				);
				// And proposals ending exactly when a busy interval starts, or starting exactly when
				// it ends, and a minute into it.
				const occupancy = (input.service.durationMinutes + (input.service.bufferAfterMinutes ?? 0)) * MIN;
				const touching = (input.busy ?? []).slice(0, 4).flatMap((b) => {
					const end = b.end + (b.bufferAfterMinutes ?? 0) * MIN;
					return [b.start - occupancy, b.start - occupancy + MIN, end, end - MIN].map((start) => ({ start, practitionerId: b.practitionerId ?? 'p1', roomId: b.roomId ?? 'r1', deviceIds: b.deviceIds }));
				});
				for (const proposal of [...proposals, ...edges, ...touching]) {
					const check = checkBookable(input, proposal, { notBefore });
					expect(problemKeys(check)).toEqual(bruteForceProblems(input, proposal, notBefore));
					if (check.ok) accepted++;
					const auto = { ...proposal, deviceIds: undefined };
					expect(problemKeys(checkBookable(input, auto, { notBefore }))).toEqual(bruteForceProblems(input, auto, notBefore));
				}
			}),
			{ numRuns: 300 }
		);
		expect(accepted).toBeGreaterThan(20);
	});

	it('every slot found passes checkBookable with the same devices', { timeout: 120_000 }, () => {
		fc.assert(
			fc.property(arbWorld, ({ input, query }) => {
				for (const slot of findSlots(input, { ...query, roomsPerPractitioner: Infinity, maxResults: 40 })) {
					const check = checkBookable(input, slot, { notBefore: query.notBefore });
					expect(check).toEqual({ ok: true, slot });
					expect(checkBookable(input, { ...slot, deviceIds: undefined }, { notBefore: query.notBefore })).toEqual({ ok: true, slot });
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('nearestAlternatives picks the k nearest of all the brute force slots around the proposal', { timeout: 120_000 }, () => {
		fc.assert(
			fc.property(arbWorld, fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.boolean(), ({ input, query, proposals, notBefore }, k, samePractitioner, sameRoom) => {
				const proposal = proposals[0]!;
				const within = 360;
				const options = { stepMinutes: query.stepMinutes, k, notBefore, withinMinutes: within, samePractitioner, sameRoom };
				const all = bruteForceSlots(input, {
					from: proposal.start - within * MIN,
					to: proposal.start + within * MIN + 1,
					stepMinutes: query.stepMinutes,
					notBefore,
					practitionerId: samePractitioner ? proposal.practitionerId : undefined,
					roomId: sameRoom ? proposal.roomId : undefined
				});
				const expected = all
					.map((slot, i) => ({ slot, i, d: Math.abs(slot.start - proposal.start) }))
					.sort((a, b) => a.d - b.d || a.i - b.i)
					.slice(0, k)
					.sort((a, b) => a.i - b.i)
					.map((x) => x.slot);
				expect(nearestAlternatives(input, proposal, options)).toEqual(expected);
			}),
			{ numRuns: 120 }
		);
	});
});
