import { SvelteMap } from 'svelte/reactivity';
import type { AppointmentDto, HoldDto } from '../../shared/scheduling/appointment.schema.ts';

const CLOSED: readonly AppointmentDto['status'][] = ['cancelled', 'completed', 'no-show'];

/** After these an appointment no longer takes its time and cannot be changed. */
export function isClosed(status: AppointmentDto['status']): boolean {
	return CLOSED.includes(status);
}

/** A time a column is taken: [start, busyUntil) in epoch milliseconds. */
export interface Busy {
	start: number;
	end: number;
}

const overlaps = (a: Busy, b: Busy) => a.start < b.end && b.start < a.end;

/**
 * What one branch's calendar screen knows: appointments and live holds, each applied by version
 * (or, for holds, once ended never revived), so a repeat or a late, older event changes nothing.
 * A snapshot of a range replaces what it covers, except what arrived live while it was loading.
 */
export class CalendarStore {
	readonly branchId: string;
	appointments = new SvelteMap<string, AppointmentDto>();
	holds = new SvelteMap<string, HoldDto>();
	/** When each entry was last written, on the store's own clock (live events and snapshots alike). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only, nothing renders from it
	#writtenAt = new Map<string, number>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only, nothing renders from it
	#endedHolds = new Set<string>();
	#clock = 0;

	constructor(branchId: string) {
		this.branchId = branchId;
	}

	/** Apply an appointment if it is of this branch and newer than what is here; true when something changed. */
	apply(appointment: AppointmentDto): boolean {
		if (appointment.branchId !== this.branchId) return false;
		const current = this.appointments.get(appointment.id);
		if (current && current.version >= appointment.version) return false;
		this.appointments.set(appointment.id, appointment);
		this.#writtenAt.set(appointment.id, ++this.#clock);
		return true;
	}

	/** A hold began (`hold`) or ended (`null`); an ended hold never comes back. True when something changed. */
	applyHold(holdId: string, hold: HoldDto | null): boolean {
		if (hold === null) {
			this.#endedHolds.add(holdId);
			this.#writtenAt.delete(`hold:${holdId}`);
			return this.holds.delete(holdId);
		}
		if (hold.branchId !== this.branchId || this.#endedHolds.has(holdId)) return false;
		this.holds.set(holdId, hold);
		this.#writtenAt.set(`hold:${holdId}`, ++this.#clock);
		return true;
	}

	/** Call before asking the server for a snapshot; hand the mark to `replaceRange` with its answer. */
	mark(): number {
		return this.#clock;
	}

	/**
	 * Take a snapshot of [from, to): what it lists is applied by version, and what it no longer lists
	 * is dropped, unless it was written after `mark` (it came live while the snapshot was on its way).
	 * Returns the ids of appointments and holds that changed.
	 */
	replaceRange(mark: number, from: number, to: number, snapshot: { items: AppointmentDto[]; holds: HoldDto[] }): { appointments: string[]; holds: string[] } {
		const changed = { appointments: [] as string[], holds: [] as string[] };
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call only
		const listed = new Set(snapshot.items.map((a) => a.id));
		for (const [id, a] of this.appointments) {
			if (listed.has(id) || (this.#writtenAt.get(id) ?? 0) > mark) continue;
			if (Date.parse(a.start) < to && Date.parse(a.busyUntil) > from) {
				this.appointments.delete(id);
				this.#writtenAt.delete(id);
				changed.appointments.push(id);
			}
		}
		for (const a of snapshot.items) {
			const current = this.appointments.get(a.id);
			if (current && current.version >= a.version) continue;
			this.appointments.set(a.id, a);
			this.#writtenAt.set(a.id, ++this.#clock);
			changed.appointments.push(a.id);
		}
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call only
		const heldNow = new Set(snapshot.holds.map((h) => h.id));
		for (const [id, h] of this.holds) {
			if (heldNow.has(id) || (this.#writtenAt.get(`hold:${id}`) ?? 0) > mark) continue;
			if (Date.parse(h.start) < to && Date.parse(h.busyUntil) > from) {
				this.holds.delete(id);
				changed.holds.push(id);
			}
		}
		for (const h of snapshot.holds) {
			if (this.holds.has(h.id) || this.#endedHolds.has(h.id)) continue;
			this.holds.set(h.id, h);
			this.#writtenAt.set(`hold:${h.id}`, ++this.#clock);
			changed.holds.push(h.id);
		}
		return changed;
	}

	/** Drop holds whose time is up (the server lets them lapse without telling anyone); returns their ids. */
	expireHolds(now: number): string[] {
		const gone: string[] = [];
		for (const [id, h] of this.holds) {
			if (Date.parse(h.expiresAt) <= now) {
				this.holds.delete(id);
				this.#endedHolds.add(id);
				gone.push(id);
			}
		}
		return gone;
	}

	/** Appointments that overlap [from, to), in time order. */
	between(from: number, to: number): AppointmentDto[] {
		return [...this.appointments.values()].filter((a) => Date.parse(a.start) < to && Date.parse(a.busyUntil) > from).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
	}

	holdsBetween(from: number, to: number): HoldDto[] {
		return [...this.holds.values()].filter((h) => Date.parse(h.start) < to && Date.parse(h.busyUntil) > from);
	}

	/**
	 * What this screen knows to be in the way of a booking: an open appointment or someone else's hold
	 * in the same room or with the same practitioner. The server has the last word; this only spares
	 * a receptionist offers that cannot work.
	 */
	conflicts(want: Busy & { practitionerId?: string; roomId?: string; exceptAppointment?: string; exceptHeldBy?: string }): { practitioner: boolean; room: boolean } {
		const found = { practitioner: false, room: false };
		for (const a of this.appointments.values()) {
			if (a.id === want.exceptAppointment || isClosed(a.status)) continue;
			if (!overlaps(want, { start: Date.parse(a.start), end: Date.parse(a.busyUntil) })) continue;
			if (a.practitioner.id === want.practitionerId) found.practitioner = true;
			if (a.room.id === want.roomId) found.room = true;
		}
		for (const h of this.holds.values()) {
			if (h.heldBy.id === want.exceptHeldBy) continue;
			if (!overlaps(want, { start: Date.parse(h.start), end: Date.parse(h.busyUntil) })) continue;
			if (h.practitionerId === want.practitionerId) found.practitioner = true;
			if (h.roomId === want.roomId) found.room = true;
		}
		return found;
	}
}
