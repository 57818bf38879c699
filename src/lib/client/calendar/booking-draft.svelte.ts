import type { AppointmentDto, HoldDto, PractitionerItem, RoomItem, ServiceItem } from '../../shared/scheduling/appointment.schema.ts';
import type { PatientSummary } from '../../shared/patients/patient.schema.ts';
import type { SlotDto } from '../../shared/scheduling/slot.types.ts';
import { calendarApi, type Problem, type Result } from './calendar-api.ts';
import type { CalendarStore } from './calendar-store.svelte.ts';
import type { Columns } from './calendar-events.ts';
import { instantAt, localParts } from './zoned.ts';

/** Renew a hold this long before it would lapse, so a slow booking keeps its slot. */
const RENEW_BEFORE_MS = 30_000;
const MINUTE = 60_000;

export interface DraftContext {
	branchId: string;
	timeZone: string;
	me: string;
	store: CalendarStore;
	services: ServiceItem[];
	rooms: RoomItem[];
	practitioners: PractitionerItem[];
	/** Where the person clicked: the column decides which services can go there. */
	columns: Columns;
	columnId: string | null;
	start: Date;
}

/**
 * A booking being made at one desk. While its service, practitioner, room and time are all chosen,
 * the slot is held on the server (every other desk sees it held); each change holds the new choice
 * instead, one request at a time so the last choice is the one held; closing lets it go.
 */
export class BookingDraft {
	readonly ctx: DraftContext;
	start = $state('');
	serviceId = $state('');
	practitionerId = $state('');
	roomId = $state('');
	patient = $state<PatientSummary | null>(null);
	notes = $state('');

	hold = $state<HoldDto | null>(null);
	holding = $state(false);
	holdProblem = $state<Problem | null>(null);
	holdOffline = $state(false);
	booking = $state(false);
	bookProblem = $state<Problem | null>(null);
	bookOffline = $state(false);
	alternatives = $state<SlotDto[]>([]);
	searching = $state(false);
	/** Looked for the next free times and found none in the fortnight ahead. */
	noneFree = $state(false);

	/** Book a course instead (e.g. six laser sessions four weeks apart): off until asked for. */
	repeat = $state(false);
	sessions = $state(6);
	everyWeeks = $state(4);
	/** A refused course: each session that cannot be booked, with the server's reasons in the reader's language. */
	clashes = $state<{ index: number; start: string; reasons: string[]; alternatives: SlotDto[] }[]>([]);

	#busy = false;
	#again = false;
	#closed = false;
	#renew: ReturnType<typeof setTimeout> | undefined;

	/** Services that can be done in the clicked column, starting then, with nothing known in the way. */
	readonly fitting: ServiceItem[];

	constructor(ctx: DraftContext) {
		this.ctx = ctx;
		this.start = ctx.start.toISOString();
		this.fitting = ctx.services.filter((s) => this.#fits(s));
		if (ctx.columns === 'rooms' && ctx.columnId) this.roomId = ctx.columnId;
		if (ctx.columns === 'practitioners' && ctx.columnId) this.practitionerId = ctx.columnId;
		const first = this.fitting[0];
		if (first) this.chooseService(first.id, false);
	}

	get service(): ServiceItem | undefined {
		return this.ctx.services.find((s) => s.id === this.serviceId);
	}

	get end(): number {
		return Date.parse(this.start) + (this.service?.durationMinutes ?? 15) * MINUTE;
	}

	/** Who may perform the chosen service, and whether this screen knows them to be busy then. */
	get practitionerChoices(): { item: PractitionerItem; busy: boolean }[] {
		const s = this.service;
		if (!s) return [];
		return this.ctx.practitioners.filter((p) => s.practitionerIds.includes(p.id)).map((item) => ({ item, busy: this.#conflicts(s, { practitionerId: item.id }).practitioner }));
	}

	/**
	 * Rooms of the kind the service needs that are in service (and the clicked one even if it is not,
	 * so the server can say why), and whether they are known to be taken.
	 */
	get roomChoices(): { item: RoomItem; busy: boolean }[] {
		const s = this.service;
		if (!s) return [];
		return this.ctx.rooms.filter((r) => r.type === s.roomType && (r.inService || r.id === this.roomId)).map((item) => ({ item, busy: !item.inService || this.#conflicts(s, { roomId: item.id }).room }));
	}

	get ready(): boolean {
		return Boolean(this.serviceId && this.practitionerId && this.roomId && this.start);
	}

	#conflicts(s: ServiceItem, who: { practitionerId?: string; roomId?: string }) {
		const start = Date.parse(this.start);
		return this.ctx.store.conflicts({ start, end: start + (s.durationMinutes + s.bufferMinutes) * MINUTE, ...who, exceptHeldBy: this.ctx.me });
	}

	#fits(s: ServiceItem): boolean {
		const { columns, columnId } = this.ctx;
		if (columnId && columns === 'rooms') {
			const room = this.ctx.rooms.find((r) => r.id === columnId);
			if (!room || room.type !== s.roomType) return false;
			if (this.#conflicts(s, { roomId: room.id }).room) return false;
			return this.ctx.practitioners.some((p) => s.practitionerIds.includes(p.id));
		}
		if (columnId && columns === 'practitioners') {
			if (!s.practitionerIds.includes(columnId)) return false;
			if (this.#conflicts(s, { practitionerId: columnId }).practitioner) return false;
			return this.ctx.rooms.some((r) => r.type === s.roomType && r.inService);
		}
		return true;
	}

	/** Pick a service, and a practitioner and room for it that are free if any are (keeping the clicked column). */
	chooseService(serviceId: string, hold = true) {
		this.serviceId = serviceId;
		const practitioners = this.practitionerChoices;
		if (!practitioners.some((p) => p.item.id === this.practitionerId)) this.practitionerId = (practitioners.find((p) => !p.busy) ?? practitioners[0])?.item.id ?? '';
		const rooms = this.roomChoices;
		if (!rooms.some((r) => r.item.id === this.roomId)) this.roomId = (rooms.find((r) => !r.busy) ?? rooms[0])?.item.id ?? '';
		if (hold) void this.holdSlot();
	}

	choosePractitioner(id: string) {
		this.practitionerId = id;
		void this.holdSlot();
	}

	chooseRoom(id: string) {
		this.roomId = id;
		void this.holdSlot();
	}

	chooseAlternative(slot: SlotDto) {
		this.start = slot.start;
		this.practitionerId = slot.practitionerId;
		this.roomId = slot.roomId;
		this.alternatives = [];
		this.bookProblem = null;
		this.clashes = [];
		void this.holdSlot();
	}

	/** The start as the branch's clock shows it. */
	get local(): { date: string; time: string } {
		return localParts(this.start, this.ctx.timeZone);
	}

	/** Move the start by hand (date and time on the branch's clock). */
	setLocal(date: string, time: string) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return;
		this.start = instantAt(date, time, this.ctx.timeZone);
		this.bookProblem = null;
		this.clashes = [];
		void this.holdSlot();
	}

	/** The next free times for the chosen service from the chosen start (or now), in any column. */
	async findFree(): Promise<void> {
		if (!this.serviceId) return;
		this.searching = true;
		this.noneFree = false;
		const from = Math.max(Date.now(), Date.parse(this.start));
		try {
			const result = await calendarApi.slots(this.ctx.branchId, this.serviceId, from, from + 14 * 86_400_000, 4);
			if (result.ok) {
				this.alternatives = result.data.items;
				this.noneFree = result.data.items.length === 0;
			}
		} finally {
			this.searching = false;
		}
	}

	/** Hold what is chosen now; if a hold is already on its way, hold again once it is back. */
	async holdSlot(): Promise<void> {
		if (this.#closed || !this.ready) return;
		if (this.#busy) {
			this.#again = true;
			return;
		}
		this.#busy = true;
		this.holding = true;
		clearTimeout(this.#renew);
		try {
			do {
				this.#again = false;
				const result = await calendarApi.hold(this.ctx.branchId, { serviceId: this.serviceId, practitionerId: this.practitionerId, roomId: this.roomId, start: this.start });
				this.#took(result);
			} while (this.#again && !this.#closed);
		} finally {
			this.#busy = false;
			this.holding = false;
		}
		if (this.#closed) await this.#letGo();
	}

	#took(result: Result<HoldDto>) {
		if (result.ok) {
			this.hold = result.data;
			this.holdProblem = null;
			this.holdOffline = false;
			this.alternatives = [];
			this.ctx.store.applyHold(result.data.id, result.data);
			const renewIn = Math.max(5_000, Date.parse(result.data.expiresAt) - Date.now() - RENEW_BEFORE_MS);
			this.#renew = setTimeout(() => void this.holdSlot(), renewIn);
		} else {
			// The server released our previous hold only if the new one was made; a refused one leaves it.
			this.holdProblem = result.problem;
			this.holdOffline = result.problem === null;
			this.alternatives = result.problem?.alternatives ?? [];
		}
	}

	async #letGo() {
		clearTimeout(this.#renew);
		const hold = this.hold;
		this.hold = null;
		if (hold) await calendarApi.release(hold.id);
	}

	/**
	 * Book the course: every session or none. On a refusal keep everything chosen and list the
	 * sessions that clash, each with why and what is free near it.
	 */
	async bookSeries(): Promise<AppointmentDto[] | null> {
		if (!this.ready || !this.patient || this.booking) return null;
		this.booking = true;
		this.bookProblem = null;
		this.bookOffline = false;
		this.clashes = [];
		try {
			const result = await calendarApi.bookSeries({ ...this.#proposal(this.patient.id), count: this.sessions, everyWeeks: this.everyWeeks });
			if (result.ok) {
				this.#booked();
				return result.data.items;
			}
			const problem = result.problem;
			this.bookOffline = problem === null;
			this.clashes = (problem?.clashes ?? []).map((c) => ({ index: c.index, start: c.start, reasons: problem?.errors?.[`sessions.${c.index}`] ?? [], alternatives: c.alternatives }));
			// The per-session reasons are listed with their sessions; the summary says the rest.
			this.bookProblem = problem && { ...problem, errors: Object.fromEntries(Object.entries(problem.errors ?? {}).filter(([field]) => !field.startsWith('sessions.'))) };
			// Free times near the first session move the whole course.
			this.alternatives = this.clashes.find((c) => c.index === 0)?.alternatives ?? [];
			return null;
		} finally {
			this.booking = false;
		}
	}

	/** What is being booked, as the API takes it (a course adds how many and how often). */
	#proposal(patientId: string) {
		return {
			patientId,
			serviceId: this.serviceId,
			practitionerId: this.practitionerId,
			roomId: this.roomId,
			start: this.start,
			...(this.notes.trim() ? { notes: this.notes.trim() } : {})
		};
	}

	/** The server booked it and let go of our hold with it. */
	#booked() {
		this.#closed = true;
		clearTimeout(this.#renew);
		if (this.hold) this.ctx.store.applyHold(this.hold.id, null);
		this.hold = null;
	}

	/** Book it; on a refusal keep everything chosen and offer the nearest free times. */
	async book(): Promise<AppointmentDto | null> {
		if (!this.ready || !this.patient || this.booking) return null;
		this.booking = true;
		this.bookProblem = null;
		this.bookOffline = false;
		this.clashes = [];
		try {
			const result = await calendarApi.book(this.#proposal(this.patient.id));
			if (result.ok) {
				this.#booked();
				return result.data;
			}
			this.bookProblem = result.problem;
			this.bookOffline = result.problem === null;
			this.alternatives = result.problem?.alternatives ?? [];
			return null;
		} finally {
			this.booking = false;
		}
	}

	/** The dialog closed without booking: let the slot go at once rather than when the hold lapses. */
	async cancel(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		if (!this.#busy) await this.#letGo();
	}

	/** The page is going away: a request that outlives it. */
	releaseOnUnload() {
		if (this.hold && !this.#closed) {
			this.#closed = true;
			void fetch(`/api/v1/holds/${this.hold.id}`, { method: 'DELETE', keepalive: true });
		}
	}
}
