import type { QueueEntryDto, QueueSnapshot } from '../../shared/queue/queue.schema.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import { isArrival, isNewer, partition, type SnapshotSource } from './queue-view.ts';

/**
 * One branch's queue as a screen shows it: the latest snapshot by `seq` (broadcasts and refetches
 * alike), and when it arrived, so expected waits can count down between changes.
 */
export class QueueStore {
	readonly branchId: string;
	snapshot = $state.raw<QueueSnapshot>() as QueueSnapshot;
	/** The device's clock when the shown snapshot's expected waits were worked out. */
	estimatedAt = $state(Date.now());
	readonly lists = $derived(partition(this.snapshot.entries));

	constructor(initial: QueueSnapshot, now = Date.now()) {
		this.branchId = initial.branchId;
		this.snapshot = initial;
		this.estimatedAt = now;
	}

	/** Show this snapshot if it is of this branch and not older than what is shown; true when it was. */
	apply(snapshot: QueueSnapshot, source: SnapshotSource, now = Date.now()): boolean {
		if (snapshot.branchId !== this.branchId || !isNewer(this.snapshot.seq, snapshot, source)) return false;
		this.snapshot = snapshot;
		this.estimatedAt = now;
		return true;
	}

	entry(id: string): QueueEntryDto | undefined {
		return this.snapshot.entries.find((e) => e.id === id);
	}
}

/**
 * Today's appointments still to arrive, kept live: an appointment that is checked in, cancelled,
 * moved to another day or finished leaves the list; one booked for later today joins it.
 */
export class ArrivalList {
	items = $state.raw<AppointmentDto[]>([]);
	readonly #timeZone: string;
	/** The newest version seen of each appointment, listed or not, so a late older copy changes nothing. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only, nothing renders from it
	#seen = new Map<string, number>();

	constructor(items: AppointmentDto[], timeZone: string) {
		this.#timeZone = timeZone;
		this.replace(items);
	}

	/** A fresh read from the server: it is the truth as of now. */
	replace(items: AppointmentDto[]) {
		this.items = items;
		for (const a of items) this.#seen.set(a.id, a.version);
	}

	/** An appointment changed somewhere: keep, add or drop it for the given day. */
	apply(a: AppointmentDto, day: string) {
		if ((this.#seen.get(a.id) ?? 0) >= a.version) return;
		this.#seen.set(a.id, a.version);
		const rest = this.items.filter((x) => x.id !== a.id);
		this.items = isArrival(a, day, this.#timeZone) ? [...rest, a].sort((x, y) => Date.parse(x.start) - Date.parse(y.start)) : rest;
	}

	/** Checked in (the queue says so before the appointment's own event may arrive): it does not come back. */
	remove(appointmentId: string) {
		this.#seen.set(appointmentId, Number.POSITIVE_INFINITY);
		if (this.items.some((x) => x.id === appointmentId)) this.items = this.items.filter((x) => x.id !== appointmentId);
	}
}
