import { describe, expect, it } from 'vitest';
import { BoardScreen } from './board-screen.svelte.ts';
import { boardLanguages, callAnnouncements, callLabel, spokenToken } from './announcement.ts';
import type { BoardState } from '../../shared/boards/board.schema.ts';

function state(seq: number, over: Partial<BoardState> = {}): BoardState {
	return {
		branch: { id: '11111111-1111-4111-8111-111111111111', name: 'Indiranagar', languages: ['en', 'hi'], timeZone: 'Asia/Kolkata' },
		day: '2026-11-27',
		calling: [],
		next: [],
		typicalWaitMinutes: {},
		notices: [],
		seq,
		...over
	};
}
const called = (token: string, room: string) => ({ token, initials: 'A. S.', room, calledAt: '2026-11-27T10:00:00+05:30' });

describe('what a TV shows', () => {
	it('never lets an older snapshot or event replace a newer one', () => {
		const screen = new BoardScreen();
		expect(screen.applySnapshot(state(5), screen.beginFetch())).toBe(true);
		expect(screen.applyEvent({ state: state(7), call: null })).toBeNull();
		expect(screen.state!.seq).toBe(7);
		expect(screen.applySnapshot(state(6), screen.beginFetch())).toBe(false);
		expect(screen.applyEvent({ state: state(6, { calling: [called('C-001', 'Consult 1')] }), call: { token: 'C-001', room: 'Consult 1' } })).toBeNull();
		expect(screen.state!.seq).toBe(7);
		expect(screen.lastCall).toBeNull();
	});

	it('takes a later fetch with the same number (a notice expired, a day began) but not one asked before a live event arrived', () => {
		const screen = new BoardScreen();
		screen.applySnapshot(state(5), screen.beginFetch());
		expect(screen.applySnapshot(state(5, { notices: [], day: '2026-11-28' }), screen.beginFetch())).toBe(true);
		expect(screen.state!.day).toBe('2026-11-28');

		// A fetch is under way when the event for change 6 arrives; the fetch had read the
		// sequence (6) before change 6 was committed, so its content is older than the event's.
		const ticket = screen.beginFetch();
		screen.applyEvent({ state: state(6, { next: [{ token: 'C-002', initials: 'R. K.', expectedWaitMinutes: 5 }] }), call: null });
		expect(screen.applySnapshot(state(6), ticket)).toBe(false);
		expect(screen.state!.next).toHaveLength(1);
		// A newer number from that fetch would still win.
		expect(screen.applySnapshot(state(8), ticket)).toBe(true);
	});

	it('announces a call once, even when its event is delivered twice, and records it', () => {
		const screen = new BoardScreen();
		const event = { state: state(3, { calling: [called('C-014', 'Consult 1')] }), call: { token: 'C-014', room: 'Consult 1' } };
		expect(screen.applyEvent(event)).toEqual({ token: 'C-014', room: 'Consult 1' });
		expect(screen.applyEvent(event)).toBeNull();
		expect(callLabel(screen.lastCall!)).toBe('C-014 → Consult 1');
		// A snapshot fetched at the same number announces nothing.
		expect(screen.applySnapshot(state(3), screen.beginFetch())).toBe(true);
		expect(screen.applyEvent({ state: state(4), call: { token: 'P-002', room: 'Laser 1' } })).toEqual({ token: 'P-002', room: 'Laser 1' });
		expect(callLabel(screen.lastCall!)).toBe('P-002 → Laser 1');
	});
});

describe('the spoken call-out', () => {
	it('speaks in each of the branch’s languages, in its order, whatever the screen shows', () => {
		const lines = callAnnouncements({ token: 'C-014', room: 'Consult 1' }, ['en', 'hi']);
		expect(lines.map((l) => l.tag)).toEqual(['en-IN', 'hi-IN']);
		expect(lines[0]!.text).toBe('Token C 014, please go to Consult 1');
		expect(lines[1]!.text).toBe('टोकन C 014, कृपया Consult 1 में जाइए');
		expect(callAnnouncements({ token: 'P-002', room: 'Laser 1' }, ['hi']).map((l) => l.tag)).toEqual(['hi-IN']);
	});

	it('skips languages it cannot speak and falls back to English', () => {
		expect(boardLanguages(['ta', 'hi', 'hi'])).toEqual(['hi']);
		expect(boardLanguages(['kn'])).toEqual(['en']);
		expect(boardLanguages([])).toEqual(['en']);
		expect(spokenToken('S-003')).toBe('S 003');
	});
});
