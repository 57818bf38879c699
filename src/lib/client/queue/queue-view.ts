import type { QueueEntryDto, QueueSnapshot } from '../../shared/queue/queue.schema.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';

/** Where a snapshot came from: a broadcast after a change, or a plain read (a refetch). */
export type SnapshotSource = 'event' | 'read';

/**
 * Whether a snapshot replaces the one on screen. Every change takes a new number and broadcasts a
 * snapshot that holds it and everything before it; a plain read reports the latest number handed
 * out, which may belong to a change not yet committed. So a broadcast wins from `seq` up, a read
 * only when strictly newer: a late, older broadcast never undoes a newer state.
 */
export function isNewer(currentSeq: number | null, incoming: Pick<QueueSnapshot, 'seq'>, source: SnapshotSource): boolean {
	if (currentSeq === null) return true;
	return source === 'event' ? incoming.seq >= currentSeq : incoming.seq > currentSeq;
}

/** Entries waiting, with a practitioner (called or in service), and finished, in the server's order. */
export function partition(entries: QueueEntryDto[]): { waiting: QueueEntryDto[]; active: QueueEntryDto[]; finished: QueueEntryDto[] } {
	return {
		waiting: entries.filter((e) => e.status === 'waiting'),
		active: entries.filter((e) => e.status === 'called' || e.status === 'in-service'),
		finished: entries.filter((e) => e.status === 'done' || e.status === 'left')
	};
}

/**
 * Reorder targets for one waiting entry (`beforeId` as the API takes it): up goes before the
 * previous entry; down goes before the one after next, or to the end. `undefined` = cannot move.
 */
export function moveTargets(waiting: Pick<QueueEntryDto, 'id'>[], id: string): { up: string | undefined; down: string | null | undefined } {
	const i = waiting.findIndex((e) => e.id === id);
	if (i < 0) return { up: undefined, down: undefined };
	return {
		up: i > 0 ? waiting[i - 1]!.id : undefined,
		down: i < waiting.length - 1 ? (waiting[i + 2]?.id ?? null) : undefined
	};
}

/**
 * `beforeId` for dropping `dragged` onto `target` in the waiting line: moving down lands after the
 * target, moving up before it (as a person dragging a row expects). `undefined` = no move.
 */
export function dropTarget(waiting: Pick<QueueEntryDto, 'id'>[], dragged: string, target: string): string | null | undefined {
	const from = waiting.findIndex((e) => e.id === dragged);
	const to = waiting.findIndex((e) => e.id === target);
	if (from < 0 || to < 0 || from === to) return undefined;
	if (to < from) return waiting[to]!.id;
	return waiting[to + 1]?.id ?? null;
}

/** Whole minutes since an instant (never negative: the device's clock may run a little behind the server's). */
export function minutesSince(iso: string, now: number): number {
	return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** The expected wait as of now: the server's estimate less the minutes since it was made. */
export function expectedNow(expectedMinutes: number | null, estimatedAt: number, now: number): number | null {
	if (expectedMinutes === null) return null;
	return Math.max(0, Math.round(expectedMinutes - (now - estimatedAt) / 60_000));
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(instant: string | number, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** Still to arrive today: booked or confirmed, on the given day of the branch. */
export function isArrival(a: Pick<AppointmentDto, 'status' | 'start'>, day: string, timeZone: string): boolean {
	return (a.status === 'booked' || a.status === 'confirmed') && localDay(a.start, timeZone) === day;
}
