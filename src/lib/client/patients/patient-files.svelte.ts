import type { AppSocket } from '#lib/client/realtime/socket.ts';
import type { PatientFileDto, PatientFileKind, PatientFileList } from '#lib/shared/patients/patient-files.schema.ts';

/**
 * One chart's documents or photos, kept live: when anyone adds or removes one, the server sends
 * `patient.files-changed` to charts opened with patients:read-sensitive, and the list is read
 * again (the server's list is the truth; the event only says when). After a reconnect it is read
 * again too, since events may have been missed.
 */
export class PatientFiles {
	items = $state<PatientFileDto[]>([]);
	status = $state<'loading' | 'ready' | 'failed'>('loading');
	uploadMaxBytes = $state(25 * 1024 * 1024);
	/** Who last changed the list from elsewhere, for a quiet notice. */
	lastChangeBy = $state<string | null>(null);
	readonly patientId: string;
	readonly kind: PatientFileKind;
	readonly #me: string;
	#asked = 0;

	constructor(patientId: string, kind: PatientFileKind, me: string) {
		this.patientId = patientId;
		this.kind = kind;
		this.#me = me;
	}

	async refresh(): Promise<void> {
		// Only the newest answer counts when several reads overlap.
		const ask = ++this.#asked;
		try {
			const res = await fetch(`/api/v1/patients/${this.patientId}/documents?kind=${this.kind}`, { headers: { accept: 'application/json' } });
			if (!res.ok) throw new Error(String(res.status));
			const list = (await res.json()) as PatientFileList;
			if (ask !== this.#asked) return;
			this.items = list.items;
			this.uploadMaxBytes = list.uploadMaxBytes;
			this.status = 'ready';
		} catch {
			if (ask === this.#asked) this.status = 'failed';
		}
	}

	connect(socket: AppSocket): () => void {
		const changed = (e: { patientId: string; file: PatientFileDto; by: { id: string; name: string } }) => {
			if (e.patientId !== this.patientId || e.file.kind !== this.kind) return;
			if (e.by.id !== this.#me) this.lastChangeBy = e.by.name;
			void this.refresh();
		};
		let first = !socket.connected;
		const reconnected = () => (first ? (first = false) : void this.refresh());
		socket.on('patient.files-changed', changed);
		socket.on('connect', reconnected);
		return () => {
			socket.off('patient.files-changed', changed);
			socket.off('connect', reconnected);
		};
	}
}
