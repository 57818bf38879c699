/**
 * An Idempotency-Key per request body: pressing again with the same details (after a dropped
 * answer) sends the same key, so the server answers with the first token instead of a second
 * one; changed details get a new key (the server refuses a key reused with another body).
 */
export class RetryKey {
	#body: string | null = null;
	#key = '';

	for(body: unknown): string {
		const text = JSON.stringify(body);
		if (text !== this.#body) {
			this.#body = text;
			this.#key = newKey();
		}
		return this.#key;
	}

	/**
	 * After any answer, success or refusal: the next press is a new request even with the same
	 * details (only a request whose answer was lost is retried under its key).
	 */
	reset() {
		this.#body = null;
	}
}

/** Random, and available on plain-http clinic networks too (randomUUID needs a secure context). */
function newKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
