import { describe, expect, it } from 'vitest';
import { averageVisitMinutes, DEFAULT_VISIT_MINUTES, expectedWaits, initialsOf, positionBetween, type WaitEntry } from './queue-waits.ts';

const NOW = Date.parse('2026-11-26T10:00:00Z');
const MIN = 60_000;

let seq = 0;
function entry(p: Partial<WaitEntry>): WaitEntry {
	return { id: `e${++seq}`, status: 'waiting', practitionerId: null, category: 'consultation', plannedMinutes: 15, appointmentStart: null, calledAt: null, startedAt: null, finishedAt: null, ...p };
}

describe('expected waits', () => {
	it('adds up the visits ahead of a patient waiting for the same practitioner, after what the practitioner has in hand', () => {
		const inHand = entry({ status: 'in-service', practitionerId: 'dr', startedAt: NOW - 5 * MIN });
		const first = entry({ practitionerId: 'dr' });
		const second = entry({ practitionerId: 'dr' });
		const waits = expectedWaits([first, second, inHand], NOW);
		expect(waits.get(first.id)).toBe(10);
		expect(waits.get(second.id)).toBe(25);
	});

	it('learns from how long visits actually took today instead of the planned length', () => {
		const done = [0, 1].map((i) => entry({ status: 'done', practitionerId: 'dr', startedAt: NOW - (60 - i * 30) * MIN, finishedAt: NOW - (60 - i * 30 - 6) * MIN }));
		expect(averageVisitMinutes(done).get('consultation')).toBe(6);
		const a = entry({ practitionerId: 'dr' });
		const b = entry({ practitionerId: 'dr' });
		expect(expectedWaits([...done, a, b], NOW).get(b.id)).toBe(6);
	});

	it('shares walk-ins among the practitioners working today', () => {
		const working = ['dr1', 'dr2'].map((p) => entry({ status: 'done', practitionerId: p, startedAt: NOW - 40 * MIN, finishedAt: NOW - 30 * MIN }));
		const walkIns = [entry({}), entry({}), entry({})];
		const waits = expectedWaits([...working, ...walkIns], NOW);
		expect(walkIns.map((w) => waits.get(w.id))).toEqual([0, 5, 10]);
	});

	it('a walk-in waits for the visit the only practitioner has in hand', () => {
		const inHand = entry({ status: 'in-service', practitionerId: 'dr', startedAt: NOW - 5 * MIN });
		const walkIn = entry({});
		expect(expectedWaits([walkIn, inHand], NOW).get(walkIn.id)).toBe(10);
	});

	it('a consultation walk-in does not wait behind a procedure walk-in', () => {
		const peel = entry({ category: 'peel', plannedMinutes: 30 });
		const consult = entry({});
		expect(expectedWaits([peel, consult], NOW).get(consult.id)).toBe(0);
	});

	it('never expects a patient to be called before their appointment, and ignores those not waiting', () => {
		const early = entry({ practitionerId: 'dr', appointmentStart: NOW + 40 * MIN });
		const called = entry({ status: 'called', practitionerId: 'dr2', calledAt: NOW });
		const waits = expectedWaits([early, called], NOW);
		expect(waits.get(early.id)).toBe(40);
		expect(waits.has(called.id)).toBe(false);
	});

	it('falls back to a default length when neither today nor the service says', () => {
		const a = entry({ practitionerId: 'dr', category: null, plannedMinutes: null });
		const b = entry({ practitionerId: 'dr' });
		expect(expectedWaits([a, b], NOW).get(b.id)).toBe(DEFAULT_VISIT_MINUTES);
	});
});

describe('places in line', () => {
	it('puts a new position strictly between its neighbours, or past the ends', () => {
		expect(positionBetween(1, 2)).toBeGreaterThan(1);
		expect(positionBetween(1, 2)).toBeLessThan(2);
		expect(positionBetween(null, 5)).toBeLessThan(5);
		expect(positionBetween(5, null)).toBeGreaterThan(5);
		expect(positionBetween(null, null)).toBe(0);
	});
});

describe('initials for the waiting-room screen', () => {
	it('shows initials, never the name', () => {
		expect(initialsOf('Priya Sharma')).toBe('P. S.');
		expect(initialsOf('  Ravi  Kumar Reddy ')).toBe('R. R.');
		expect(initialsOf('Madonna')).toBe('M.');
		expect(initialsOf('अनिता देसाई')).toBe('अ. द.');
		expect(initialsOf('')).toBe('');
	});
});
