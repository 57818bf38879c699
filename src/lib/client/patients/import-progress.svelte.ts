import type { AppSocket } from '#lib/client/realtime/socket.ts';
import { RUNNING_STATUSES, type ImportProgress } from '#lib/shared/patients/patient-import.schema.ts';

/**
 * One import's progress, kept live from `import.progress` (an older version is dropped). When a
 * step ends, or the socket comes back after a drop (it may have missed the end), `onSettled` asks
 * the page to load the import again for its report.
 */
export class ImportProgressTracker {
	progress = $state<ImportProgress>() as ImportProgress;

	constructor(initial: ImportProgress) {
		this.progress = initial;
	}

	get running(): boolean {
		return RUNNING_STATUSES.includes(this.progress.status);
	}

	/** 0–100, for the progress bar. */
	get percent(): number {
		const { totalRows, processedRows } = this.progress;
		return totalRows > 0 ? Math.min(100, Math.round((processedRows / totalRows) * 100)) : 0;
	}

	/** Apply a newer state; an older or equal version changes nothing. */
	apply(next: ImportProgress): boolean {
		if (next.id !== this.progress.id || next.version <= this.progress.version) return false;
		this.progress = next;
		return true;
	}

	connect(socket: AppSocket, onSettled: () => void): () => void {
		const onProgress = (e: { import: ImportProgress }) => {
			const wasRunning = this.running;
			if (this.apply(e.import) && wasRunning !== this.running) onSettled();
		};
		let first = !socket.connected;
		const onConnect = () => {
			if (first) first = false;
			else onSettled();
		};
		socket.on('import.progress', onProgress);
		socket.on('connect', onConnect);
		return () => {
			socket.off('import.progress', onProgress);
			socket.off('connect', onConnect);
		};
	}
}
