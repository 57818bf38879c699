import type { BoardState } from '../../shared/boards/board.schema.ts';
import type { BoardCall } from './announcement.ts';

export type BoardLinkStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * What a waiting-room TV shows, kept current from two sources: snapshots it fetches (at start, on
 * every reconnect, and every 30 s) and live `board.updated` events. Each carries the number of the
 * queue change it reflects (`seq`), so an older one never replaces a newer one, and a call is
 * announced once even if the same event arrives twice.
 */
export class BoardScreen {
	state = $state<BoardState | null>(null);
	status = $state<BoardLinkStatus>('connecting');
	/** The latest call announced, and when it arrived (on this TV's clock). */
	lastCall = $state<(BoardCall & { at: number }) | null>(null);
	#announcedSeq = -1;
	/** Orders fetches and events as they happened here: a fetch answers what was true when it was asked. */
	#clock = 0;
	#lastEventAt = 0;

	/** Call before fetching a snapshot; hand the number to applySnapshot with the answer. */
	beginFetch(): number {
		return ++this.#clock;
	}

	/**
	 * A fetched snapshot. The same `seq` as what is shown may still bring news (a notice expired,
	 * a new day began), unless a live event arrived while the fetch was under way: the fetch may
	 * then have read the database before that event's change was committed.
	 */
	applySnapshot(next: BoardState, fetchedAt: number): boolean {
		const current = this.state;
		if (current && next.seq < current.seq) return false;
		if (current && this.#lastEventAt > fetchedAt && next.seq <= current.seq) return false;
		this.state = next;
		return true;
	}

	/** A live event; answers the call to announce, once, when it is news. */
	applyEvent(event: { state: BoardState; call: BoardCall | null }): BoardCall | null {
		const current = this.state;
		if (current && event.state.seq < current.seq) return null;
		this.state = event.state;
		this.#lastEventAt = ++this.#clock;
		if (!event.call || event.state.seq <= this.#announcedSeq) return null;
		this.#announcedSeq = event.state.seq;
		this.lastCall = { token: event.call.token, room: event.call.room, at: Date.now() };
		return event.call;
	}
}
