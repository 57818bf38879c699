import { TOKEN_PREFIX } from '../../shared/queue/queue.schema.ts';

/**
 * Expected waits in a branch's queue, from how long visits actually take today. Pure: the
 * service hands in today's entries and the clock.
 */

export interface WaitEntry {
	id: string;
	status: 'waiting' | 'called' | 'in-service' | 'done' | 'left';
	practitionerId: string | null;
	category: string | null;
	/** The service's planned minutes, when known. */
	plannedMinutes: number | null;
	appointmentStart: number | null;
	calledAt: number | null;
	startedAt: number | null;
	finishedAt: number | null;
}

/** Which line a walk-in joins: its token prefix (consultations and follow-ups together, procedures, surgery). */
const lineOf = (category: string | null) => TOKEN_PREFIX[(category ?? 'walk-in') as keyof typeof TOKEN_PREFIX] ?? 'C';

/** Minutes a visit of a category takes when today has nothing to go by and the service says nothing. */
export const DEFAULT_VISIT_MINUTES = 15;

/** Average minutes from start to finish of today's finished visits, per category. */
export function averageVisitMinutes(entries: WaitEntry[]): Map<string, number> {
	const sums = new Map<string, { total: number; n: number }>();
	for (const e of entries) {
		if (e.status !== 'done' || e.startedAt === null || e.finishedAt === null) continue;
		const key = e.category ?? 'walk-in';
		const s = sums.get(key) ?? { total: 0, n: 0 };
		s.total += Math.max(1, (e.finishedAt - e.startedAt) / 60_000);
		s.n += 1;
		sums.set(key, s);
	}
	return new Map([...sums].map(([k, s]) => [k, s.total / s.n]));
}

/**
 * For each waiting entry (in queue order), the minutes until it is likely to be called.
 *
 * Someone waiting for a named practitioner waits for what that practitioner still has in hand
 * plus everyone ahead of them for the same practitioner. Walk-ins for whoever is free share the
 * practitioners seen working today. Nobody is called before their appointment time.
 */
export function expectedWaits(ordered: WaitEntry[], now: number): Map<string, number> {
	const averages = averageVisitMinutes(ordered);
	const visitMinutes = (e: WaitEntry) => averages.get(e.category ?? 'walk-in') ?? e.plannedMinutes ?? DEFAULT_VISIT_MINUTES;
	// What each practitioner still has in hand (called or in service), in minutes from now.
	const busyUntil = new Map<string, number>();
	for (const e of ordered) {
		if ((e.status !== 'called' && e.status !== 'in-service') || !e.practitionerId) continue;
		const began = e.startedAt ?? e.calledAt ?? now;
		const left = Math.max(0, visitMinutes(e) - (now - began) / 60_000);
		busyUntil.set(e.practitionerId, (busyUntil.get(e.practitionerId) ?? 0) + left);
	}
	const working = new Set(ordered.filter((e) => e.practitionerId && e.status !== 'waiting').map((e) => e.practitionerId!));
	const pooledServers = Math.max(1, working.size);
	// Walk-ins for a consultation and for a procedure are seen by different people: each kind keeps its own line.
	const pooledAhead = new Map<string, number>();
	const waits = new Map<string, number>();
	for (const e of ordered) {
		if (e.status !== 'waiting') continue;
		let wait: number;
		if (e.practitionerId) {
			wait = busyUntil.get(e.practitionerId) ?? 0;
			busyUntil.set(e.practitionerId, wait + visitMinutes(e));
		} else {
			// Whoever is free first takes them: what everyone has in hand, shared out.
			const inHand = [...busyUntil.values()].reduce((a, b) => a + b, 0);
			const line = lineOf(e.category);
			wait = (inHand + (pooledAhead.get(line) ?? 0)) / pooledServers;
			pooledAhead.set(line, (pooledAhead.get(line) ?? 0) + visitMinutes(e));
		}
		if (e.appointmentStart !== null) wait = Math.max(wait, (e.appointmentStart - now) / 60_000);
		waits.set(e.id, Math.max(0, Math.round(wait)));
	}
	return waits;
}

/** A new position between two neighbours in the waiting line (positions are plain numbers). */
export function positionBetween(before: number | null, after: number | null): number {
	if (before === null && after === null) return 0;
	if (before === null) return after! - 1;
	if (after === null) return before + 1;
	return (before + after) / 2;
}

/** Initials for the waiting-room screen: never a name. "Priya Sharma" → "P. S." */
export function initialsOf(name: string): string {
	const parts = name.trim().split(/\s+/u).filter(Boolean);
	if (!parts.length) return '';
	const pick = parts.length === 1 ? [parts[0]!] : [parts[0]!, parts[parts.length - 1]!];
	return pick.map((p) => `${[...p][0]!.toLocaleUpperCase()}.`).join(' ');
}
