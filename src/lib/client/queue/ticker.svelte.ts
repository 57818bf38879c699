/** The time, refreshed every few seconds, for "waiting 12 min" that counts up on its own. */
export class Ticker {
	now = $state(Date.now());
	#timer: ReturnType<typeof setInterval>;

	constructor(everyMs = 10_000) {
		this.#timer = setInterval(() => (this.now = Date.now()), everyMs);
	}

	destroy() {
		clearInterval(this.#timer);
	}
}
