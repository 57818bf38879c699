import { t } from '#lib/client/i18n.ts';
import type { PatientFileKind, PhotoPhase, PhotoView } from '#lib/shared/patients/patient-files.schema.ts';

export interface UploadDetails {
	title: string;
	bodyArea: string;
	view: PhotoView;
	takenOn: string;
	treatmentSession: string;
	phase: PhotoPhase | '';
}

export interface UploadItem {
	key: number;
	file: File;
	details: UploadDetails;
	/** A small data: URL of the picture (the page's CSP allows data: images, not blob:). */
	preview: string | null;
	state: 'ready' | 'uploading' | 'done' | 'failed';
	/** 0 to 1, from the browser's upload progress events. */
	progress: number;
	error: string | null;
	/** Larger than the server takes: shown with its reason, never sent. */
	blocked: boolean;
}

/** The local calendar date of a moment, as YYYY-MM-DD. */
export function localDate(ms: number): string {
	// en-CA writes dates as YYYY-MM-DD, in the device's time zone.
	return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

async function previewOf(file: File): Promise<string | null> {
	if (!/^image\/(jpeg|png|webp)$/.test(file.type) || typeof createImageBitmap !== 'function') return null;
	try {
		const bitmap = await createImageBitmap(file, { resizeWidth: 160, resizeQuality: 'medium' });
		const canvas = document.createElement('canvas');
		canvas.width = bitmap.width;
		canvas.height = bitmap.height;
		canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
		bitmap.close();
		return canvas.toDataURL('image/jpeg', 0.7);
	} catch {
		return null;
	}
}

/**
 * Files chosen for upload, each with its own details and progress. Each file is its own request
 * (XMLHttpRequest, for upload progress) to the same endpoint mobile apps use; two go at a time.
 */
export class UploadQueue {
	items = $state<UploadItem[]>([]);
	readonly #patientId: string;
	readonly #kind: PatientFileKind;
	#next = 1;

	constructor(patientId: string, kind: PatientFileKind) {
		this.#patientId = patientId;
		this.#kind = kind;
	}

	get waiting(): number {
		return this.items.filter((i) => !i.blocked && (i.state === 'ready' || i.state === 'failed')).length;
	}

	get busy(): boolean {
		return this.items.some((i) => i.state === 'uploading');
	}

	add(files: Iterable<File>, defaults: UploadDetails, maxBytes: number): void {
		const now = Date.now();
		for (const file of files) {
			const key = this.#next++;
			// A camera photo's file date is when it was taken; a date in the future is the device's mistake.
			const takenOn = defaults.takenOn || localDate(file.lastModified && file.lastModified <= now ? file.lastModified : now);
			const tooLarge = file.size > maxBytes;
			this.items.push({
				key,
				file,
				details: { ...defaults, takenOn },
				preview: null,
				state: tooLarge ? 'failed' : 'ready',
				progress: 0,
				blocked: tooLarge,
				error: tooLarge ? t('files.upload.tooLargeLocal', { megabytes: Math.round(maxBytes / 1048576) }) : null
			});
			void previewOf(file).then((preview) => {
				const item = this.#find(key);
				if (item) item.preview = preview;
			});
		}
	}

	remove(key: number): void {
		this.items = this.items.filter((i) => i.key !== key);
	}

	#find(key: number): UploadItem | undefined {
		return this.items.find((i) => i.key === key);
	}

	/** Upload everything not yet uploaded; resolves when all have finished, each with its own outcome. */
	async uploadAll(onUploaded: () => void): Promise<void> {
		const keys = this.items.filter((i) => !i.blocked && (i.state === 'ready' || i.state === 'failed')).map((i) => i.key);
		const worker = async () => {
			for (let key = keys.shift(); key !== undefined; key = keys.shift()) {
				if (await this.#upload(key)) onUploaded();
			}
		};
		await Promise.all([worker(), worker()]);
	}

	#upload(key: number): Promise<boolean> {
		const item = this.#find(key);
		if (!item) return Promise.resolve(false);
		item.state = 'uploading';
		item.progress = 0;
		item.error = null;
		const form = new FormData();
		form.set('kind', this.#kind);
		const d = item.details;
		if (d.title.trim()) form.set('title', d.title.trim());
		if (this.#kind === 'photo') {
			form.set('bodyArea', d.bodyArea);
			form.set('view', d.view);
			if (d.takenOn) form.set('takenOn', d.takenOn);
			if (d.treatmentSession.trim()) form.set('treatmentSession', d.treatmentSession.trim());
			if (d.phase) form.set('phase', d.phase);
		}
		form.set('file', item.file, item.file.name);
		return new Promise((resolve) => {
			const xhr = new XMLHttpRequest();
			xhr.open('POST', `/api/v1/patients/${this.#patientId}/documents`);
			xhr.setRequestHeader('accept', 'application/json');
			xhr.upload.onprogress = (e) => {
				const current = this.#find(key);
				if (current && e.lengthComputable) current.progress = e.loaded / e.total;
			};
			xhr.onload = () => {
				const current = this.#find(key);
				if (!current) return resolve(xhr.status === 201);
				if (xhr.status === 201) {
					current.state = 'done';
					current.progress = 1;
					// The gallery shows it now; the row goes after a moment.
					setTimeout(() => this.remove(key), 1500);
					return resolve(true);
				}
				current.state = 'failed';
				current.error = problemText(xhr.responseText) ?? t('files.upload.failedStatus', { status: xhr.status });
				resolve(false);
			};
			xhr.onerror = () => {
				const current = this.#find(key);
				if (current) {
					current.state = 'failed';
					current.error = t('files.upload.network');
				}
				resolve(false);
			};
			xhr.send(form);
		});
	}
}

/** The server's own sentence (in the reader's language) and its field messages, from a problem+json body. */
function problemText(body: string): string | null {
	try {
		const problem = JSON.parse(body) as { detail?: string; errors?: Record<string, string[]> };
		const fields = Object.values(problem.errors ?? {}).flat();
		const detail = problem.detail ?? '';
		return [detail, ...fields.filter((f) => !detail.includes(f))].filter(Boolean).join(' ') || null;
	} catch {
		return null;
	}
}
