import { describe, expect, it } from 'vitest';
import { localClock, rankMatches, servicesFittingGap, suits, timeOfDayAt, type WaitingEntry } from './waitlist-match.ts';

const CONSULT = 'svc-consult';
const KAVYA = 'dr-kavya';
const ANITA = 'anita';

const entry = (id: string, o: Partial<WaitingEntry> = {}): WaitingEntry => ({
	id,
	patientId: `p-${id}`,
	serviceId: CONSULT,
	practitionerId: null,
	timeOfDay: 'any',
	earliestDay: null,
	latestDay: null,
	createdAt: 1_000,
	...o
});

/** 10:30 on 27 Nov 2026, Kavya. */
const morning = { serviceId: CONSULT, practitionerId: KAVYA, date: '2026-11-27', minute: 10 * 60 + 30 };

describe('parts of the day', () => {
	it('morning before 12:00, afternoon from 12:00 to 16:59, evening from 17:00', () => {
		expect(timeOfDayAt(0)).toBe('morning');
		expect(timeOfDayAt(11 * 60 + 59)).toBe('morning');
		expect(timeOfDayAt(12 * 60)).toBe('afternoon');
		expect(timeOfDayAt(16 * 60 + 59)).toBe('afternoon');
		expect(timeOfDayAt(17 * 60)).toBe('evening');
		expect(timeOfDayAt(23 * 60 + 59)).toBe('evening');
	});

	it('reads an instant on the branch clock, not UTC', () => {
		// 06:45 UTC is 12:15 in Kolkata (afternoon), and 23:00 UTC is already the next day there.
		expect(localClock(Date.parse('2026-11-27T06:45:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-11-27', minute: 12 * 60 + 15 });
		expect(localClock(Date.parse('2026-11-27T23:00:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-11-28', minute: 4 * 60 + 30 });
		expect(localClock(Date.parse('2026-03-29T01:30:00Z'), 'Europe/London')).toEqual({ date: '2026-03-29', minute: 2 * 60 + 30 });
	});
});

describe('who a freed time suits', () => {
	it('only the same service, and only their practitioner when they named one', () => {
		expect(suits(entry('a'), morning)).toBe(true);
		expect(suits(entry('a', { serviceId: 'svc-peel' }), morning)).toBe(false);
		expect(suits(entry('a', { practitionerId: KAVYA }), morning)).toBe(true);
		expect(suits(entry('a', { practitionerId: ANITA }), morning)).toBe(false);
	});

	it('only in the part of the day they asked for', () => {
		expect(suits(entry('a', { timeOfDay: 'morning' }), morning)).toBe(true);
		expect(suits(entry('a', { timeOfDay: 'afternoon' }), morning)).toBe(false);
		expect(suits(entry('a', { timeOfDay: 'evening' }), { ...morning, minute: 17 * 60 })).toBe(true);
		expect(suits(entry('a', { timeOfDay: 'afternoon' }), { ...morning, minute: 17 * 60 })).toBe(false);
	});

	it('only between the days they gave, both included', () => {
		expect(suits(entry('a', { earliestDay: '2026-11-27' }), morning)).toBe(true);
		expect(suits(entry('a', { earliestDay: '2026-11-28' }), morning)).toBe(false);
		expect(suits(entry('a', { latestDay: '2026-11-27' }), morning)).toBe(true);
		expect(suits(entry('a', { latestDay: '2026-11-26' }), morning)).toBe(false);
	});

	it('ranks those who asked for this practitioner first, then whoever waited longest', () => {
		const ranked = rankMatches(
			[
				entry('newest-any', { createdAt: 3_000 }),
				entry('oldest-any', { createdAt: 1_000 }),
				entry('kavya-late', { practitionerId: KAVYA, createdAt: 5_000 }),
				entry('anita', { practitionerId: ANITA, createdAt: 500 }),
				entry('evening', { timeOfDay: 'evening', createdAt: 10 })
			],
			morning
		);
		expect(ranked.map((e) => e.id)).toEqual(['kavya-late', 'oldest-any', 'newest-any']);
		expect(rankMatches([entry('b'), entry('a'), entry('c')], morning, 2).map((e) => e.id)).toEqual(['a', 'b']);
	});
});

describe('services that fit a gap', () => {
	const services = [
		{ id: 'consult', durationMinutes: 15, bufferMinutes: 0, roomType: 'consult', practitionerIds: [KAVYA] },
		{ id: 'botox', durationMinutes: 20, bufferMinutes: 10, roomType: 'consult', practitionerIds: [KAVYA] },
		{ id: 'laser', durationMinutes: 15, bufferMinutes: 0, roomType: 'laser', practitionerIds: [KAVYA] },
		{ id: 'facial', durationMinutes: 10, bufferMinutes: 0, roomType: 'consult', practitionerIds: [ANITA] }
	];

	it('counts the clean-up, needs the room kind and a practitioner who performs it', () => {
		expect(servicesFittingGap(services, { minutes: 15, roomType: 'consult', practitionerId: KAVYA }).map((s) => s.id)).toEqual(['consult']);
		expect(servicesFittingGap(services, { minutes: 30, roomType: 'consult', practitionerId: KAVYA }).map((s) => s.id)).toEqual(['consult', 'botox']);
		expect(servicesFittingGap(services, { minutes: 29, roomType: 'consult', practitionerId: KAVYA }).map((s) => s.id)).toEqual(['consult']);
		expect(servicesFittingGap(services, { minutes: 60, roomType: 'consult', practitionerId: ANITA }).map((s) => s.id)).toEqual(['facial']);
	});
});
