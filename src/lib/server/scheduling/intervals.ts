/**
 * Half-open intervals of instants, `[start, end)` in epoch milliseconds. Half-open so that one
 * appointment ending at 10:00 and the next starting at 10:00 do not touch.
 *
 * A "set" here is an array sorted by start whose intervals neither overlap nor touch (adjacent
 * ones are merged); `normalize` makes one from anything, and every other function takes and
 * returns sets. Merging adjacent intervals matters: it makes "is [s, e) inside the set" a question
 * about a single interval.
 */
export interface Interval {
	start: number;
	end: number;
}

export function normalize(list: readonly Interval[]): Interval[] {
	const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
	const out: Interval[] = [];
	for (const i of sorted) {
		const last = out[out.length - 1];
		if (last && i.start <= last.end) {
			if (i.end > last.end) last.end = i.end;
		} else out.push({ start: i.start, end: i.end });
	}
	return out;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const x = a[i]!;
		const y = b[j]!;
		const start = Math.max(x.start, y.start);
		const end = Math.min(x.end, y.end);
		if (end > start) out.push({ start, end });
		if (x.end < y.end) i++;
		else j++;
	}
	return out;
}

export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
	if (!b.length) return a.slice();
	const out: Interval[] = [];
	let j = 0;
	for (const x of a) {
		let start = x.start;
		while (j < b.length && b[j]!.end <= start) j++;
		let k = j;
		while (k < b.length && b[k]!.start < x.end) {
			const y = b[k]!;
			if (y.start > start) out.push({ start, end: y.start });
			if (y.end > start) start = y.end;
			if (start >= x.end) break;
			k++;
		}
		if (start < x.end) out.push({ start, end: x.end });
	}
	return out;
}

/** Index of the last interval starting at or before `t`, or -1. */
function lastStartingBy(set: readonly Interval[], t: number): number {
	let lo = 0;
	let hi = set.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (set[mid]!.start <= t) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

/** Whether `[start, end)` lies wholly inside the set. */
export function covers(set: readonly Interval[], start: number, end: number): boolean {
	const i = lastStartingBy(set, start);
	return i >= 0 && set[i]!.end >= end;
}

/** Whether `[start, end)` shares any instant with the set. */
export function overlaps(set: readonly Interval[], start: number, end: number): boolean {
	if (end <= start) return false;
	const i = lastStartingBy(set, end - 1);
	return i >= 0 && set[i]!.end > start;
}
