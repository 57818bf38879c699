import { describe, expect, it } from 'vitest';
import { ArrivalList, QueueStore } from './queue-store.svelte.ts';
import { dropTarget, expectedNow, isArrival, isNewer, localDay, minutesSince, moveTargets, partition } from './queue-view.ts';
import { RetryKey } from './retry-key.ts';
import type { QueueEntryDto, QueueSnapshot } from '../../shared/queue/queue.schema.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';

const BRANCH = '11111111-1111-4111-8111-111111111111';
const OTHER_BRANCH = '99999999-9999-4999-8999-999999999999';
const TZ = 'Asia/Kolkata';

function entry(id: string, over: Partial<QueueEntryDto> = {}): QueueEntryDto {
	return {
		id,
		branchId: BRANCH,
		day: '2026-11-26',
		token: `C-${id}`,
		status: 'waiting',
		priority: false,
		priorityReason: null,
		patient: { id: `p-${id}`, name: `Patient ${id}`, mrn: `IND-${id}` },
		appointmentId: null,
		appointmentStart: null,
		service: null,
		practitioner: null,
		room: null,
		checkedInAt: '2026-11-26T10:00:00+05:30',
		calledAt: null,
		startedAt: null,
		finishedAt: null,
		place: 1,
		expectedWaitMinutes: 10,
		version: 1,
		...over
	};
}

const snapshot = (seq: number, entries: QueueEntryDto[], branchId = BRANCH): QueueSnapshot => ({ branchId, day: '2026-11-26', entries, seq });

function appointment(over: Partial<AppointmentDto> = {}): AppointmentDto {
	return {
		id: 'a1',
		branchId: BRANCH,
		patient: { id: 'p1', name: 'Ananya Sharma', mrn: 'IND-000001' },
		service: { id: 's1', name: 'Dermatology consultation', category: 'consultation', durationMinutes: 15 },
		practitioner: { id: 'dr', name: 'Dr Kavya Rao' },
		room: { id: 'r1', name: 'Consult 1' },
		deviceIds: [],
		start: '2026-11-26T15:00:00+05:30',
		end: '2026-11-26T15:15:00+05:30',
		busyUntil: '2026-11-26T15:15:00+05:30',
		status: 'booked',
		notes: null,
		version: 1,
		...over
	};
}

describe('which queue snapshot a screen shows', () => {
	it('a broadcast wins from its own number up; a refetch only when strictly newer', () => {
		expect(isNewer(5, { seq: 6 }, 'event')).toBe(true);
		// A read may report number 5 before change 5 is committed: the broadcast of change 5 must still land.
		expect(isNewer(5, { seq: 5 }, 'event')).toBe(true);
		expect(isNewer(5, { seq: 5 }, 'read')).toBe(false);
		expect(isNewer(5, { seq: 4 }, 'event')).toBe(false);
		expect(isNewer(5, { seq: 4 }, 'read')).toBe(false);
		expect(isNewer(null, { seq: 0 }, 'read')).toBe(true);
	});

	it('a late, older broadcast never undoes a newer state, and another branch is ignored', () => {
		const store = new QueueStore(snapshot(3, [entry('1')]), 1000);
		expect(store.apply(snapshot(5, [entry('1', { status: 'called', place: null })]), 'event', 2000)).toBe(true);
		expect(store.apply(snapshot(4, [entry('1')]), 'event')).toBe(false);
		expect(store.entry('1')?.status).toBe('called');
		expect(store.estimatedAt).toBe(2000);
		expect(store.apply(snapshot(9, [], OTHER_BRANCH), 'event')).toBe(false);
		expect(store.snapshot.seq).toBe(5);
	});

	it('splits the day into waiting (in line order), with a practitioner, and finished', () => {
		const lists = partition([entry('2'), entry('1'), entry('3', { status: 'in-service' }), entry('4', { status: 'called' }), entry('5', { status: 'done' }), entry('6', { status: 'left' })]);
		expect(lists.waiting.map((e) => e.id)).toEqual(['2', '1']);
		expect(lists.active.map((e) => e.id)).toEqual(['3', '4']);
		expect(lists.finished.map((e) => e.id)).toEqual(['5', '6']);
	});
});

describe('moving patients in the line', () => {
	const line = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

	it('up goes before the previous one; down before the one after next, or to the end', () => {
		expect(moveTargets(line, 'a')).toEqual({ up: undefined, down: 'c' });
		expect(moveTargets(line, 'b')).toEqual({ up: 'a', down: 'd' });
		expect(moveTargets(line, 'c')).toEqual({ up: 'b', down: null });
		expect(moveTargets(line, 'd')).toEqual({ up: 'c', down: undefined });
		expect(moveTargets(line, 'x')).toEqual({ up: undefined, down: undefined });
	});

	it('a drag lands after the row when moving down and before it when moving up', () => {
		expect(dropTarget(line, 'a', 'c')).toBe('d');
		expect(dropTarget(line, 'a', 'd')).toBeNull();
		expect(dropTarget(line, 'd', 'b')).toBe('b');
		expect(dropTarget(line, 'b', 'b')).toBeUndefined();
	});
});

describe('waiting times on screen', () => {
	it('counts minutes waited, and counts the expected wait down between changes', () => {
		const checkedIn = '2026-11-26T10:00:00+05:30';
		expect(minutesSince(checkedIn, Date.parse(checkedIn) + 12.7 * 60_000)).toBe(12);
		expect(minutesSince(checkedIn, Date.parse(checkedIn) - 30_000)).toBe(0);
		expect(expectedNow(20, 0, 5 * 60_000)).toBe(15);
		expect(expectedNow(3, 0, 10 * 60_000)).toBe(0);
		expect(expectedNow(null, 0, 0)).toBeNull();
	});
});

describe('who is still expected today', () => {
	it('is booked or confirmed on the branch day', () => {
		expect(localDay('2026-11-26T23:30:00+05:30', TZ)).toBe('2026-11-26');
		expect(localDay('2026-11-26T19:00:00Z', TZ)).toBe('2026-11-27');
		expect(isArrival(appointment(), '2026-11-26', TZ)).toBe(true);
		expect(isArrival(appointment({ status: 'checked-in' }), '2026-11-26', TZ)).toBe(false);
		expect(isArrival(appointment(), '2026-11-27', TZ)).toBe(false);
	});

	it('joins, leaves and keeps time order as appointments change elsewhere', () => {
		const list = new ArrivalList([appointment({ id: 'a1', start: '2026-11-26T15:00:00+05:30' })], TZ);
		list.apply(appointment({ id: 'a2', start: '2026-11-26T11:00:00+05:30' }), '2026-11-26');
		expect(list.items.map((a) => a.id)).toEqual(['a2', 'a1']);
		list.apply(appointment({ id: 'a1', status: 'cancelled', version: 2 }), '2026-11-26');
		expect(list.items.map((a) => a.id)).toEqual(['a2']);
		// An older copy arriving late does not bring it back.
		list.apply(appointment({ id: 'a1', version: 1 }), '2026-11-26');
		expect(list.items.map((a) => a.id)).toEqual(['a2']);
		list.apply(appointment({ id: 'a3', start: '2026-11-27T11:00:00+05:30' }), '2026-11-26');
		list.remove('a2');
		expect(list.items).toEqual([]);
	});
});

describe('retrying a check-in', () => {
	it('keeps the key while the details stay the same, and starts afresh after an answer', () => {
		const key = new RetryKey();
		const first = key.for({ patientId: 'p1' });
		expect(key.for({ patientId: 'p1' })).toBe(first);
		const other = key.for({ patientId: 'p2' });
		expect(other).not.toBe(first);
		key.reset();
		expect(key.for({ patientId: 'p2' })).not.toBe(other);
		expect(first).toMatch(/^[0-9a-f]{32}$/);
	});
});
