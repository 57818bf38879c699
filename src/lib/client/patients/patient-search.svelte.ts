import type { PatientPage, PatientSummary } from '#lib/shared/patients/patient.schema.ts';

/**
 * Search as you type: each keystroke (after a short pause) asks the server, and an answer to an
 * older query never overwrites a newer one.
 */
export class PatientSearch {
	query = $state('');
	items = $state<PatientSummary[]>([]);
	matchedBy = $state<PatientPage['matchedBy']>('recent');
	hasMore = $state(false);
	loading = $state(false);
	failed = $state(false);
	#controller: AbortController | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #pageSize: number;

	constructor(pageSize = 8) {
		this.#pageSize = pageSize;
	}

	set(query: string, delayMs = 120) {
		this.query = query;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.run(), delayMs);
	}

	async run() {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.loading = true;
		try {
			const res = await fetch(`/api/v1/patients?q=${encodeURIComponent(this.query)}&pageSize=${this.#pageSize}`, { signal: controller.signal });
			if (!res.ok) throw new Error(String(res.status));
			const page = (await res.json()) as PatientPage;
			if (controller.signal.aborted) return;
			this.items = page.items;
			this.matchedBy = page.matchedBy;
			this.hasMore = page.hasMore;
			this.failed = false;
		} catch (e) {
			if ((e as Error).name !== 'AbortError') this.failed = true;
		} finally {
			if (this.#controller === controller) this.loading = false;
		}
	}

	destroy() {
		clearTimeout(this.#timer);
		this.#controller?.abort();
	}
}
