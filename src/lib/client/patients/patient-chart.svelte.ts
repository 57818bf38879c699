import type { AppSocket } from '#lib/client/realtime/socket.ts';
import type { PatientDto } from '#lib/shared/patients/patient.schema.ts';
import type { PatientViewer } from '#lib/shared/realtime/events.ts';

/**
 * One open chart, kept live: changes saved anywhere arrive as `patient.changed` (older versions
 * are dropped), and `patient.viewers` says who else has it open. Watching is re-asked after every
 * reconnect, since a new socket starts in no chart room.
 */
export class PatientChart {
	patient = $state<PatientDto>() as PatientDto;
	viewers = $state<PatientViewer[]>([]);
	/** The last change made by someone else, for a notice on screen. */
	lastChangeBy = $state<{ name: string; version: number } | null>(null);
	readonly #me: string;

	constructor(patient: PatientDto, me: string) {
		this.patient = patient;
		this.#me = me;
	}

	/** Another patient opened in the same page (a search from a chart): start over with them. */
	open(patient: PatientDto): void {
		if (patient.id === this.patient.id) {
			this.apply(patient);
			return;
		}
		this.patient = patient;
		this.viewers = [];
		this.lastChangeBy = null;
	}

	/** Apply a newer record; an older or equal version changes nothing. */
	apply(patient: PatientDto, by?: { id: string; name: string }): boolean {
		if (patient.id !== this.patient.id || patient.version <= this.patient.version) return false;
		this.patient = patient;
		if (by && by.id !== this.#me) this.lastChangeBy = { name: by.name, version: patient.version };
		return true;
	}

	/** Everyone but me (my other tabs count as me). */
	get others(): PatientViewer[] {
		return this.viewers.filter((v) => v.id !== this.#me);
	}

	connect(socket: AppSocket, onChanged: (patient: PatientDto) => void): () => void {
		const id = this.patient.id;
		const watch = () => {
			socket.emit('patient:watch', { patientId: id }, (ack) => {
				if (ack.ok && id === this.patient.id) this.viewers = ack.data.viewers;
			});
		};
		const changed = (e: { patient: PatientDto; by: { id: string; name: string } }) => {
			if (this.apply(e.patient, e.by)) onChanged(e.patient);
		};
		const viewers = (e: { patientId: string; viewers: PatientViewer[] }) => {
			if (e.patientId === id) this.viewers = e.viewers;
		};
		// A closing tab may not get to close its connection cleanly: say goodbye while it can.
		const leaving = () => {
			if (socket.connected) socket.emit('patient:unwatch', { patientId: id }, () => undefined);
		};
		socket.on('patient.changed', changed);
		socket.on('patient.viewers', viewers);
		socket.on('connect', watch);
		addEventListener('pagehide', leaving);
		if (socket.connected) watch();
		return () => {
			socket.off('patient.changed', changed);
			socket.off('patient.viewers', viewers);
			socket.off('connect', watch);
			removeEventListener('pagehide', leaving);
			leaving();
		};
	}
}
