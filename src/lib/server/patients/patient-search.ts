import { normalisePhone } from '../../shared/patients/phone.ts';

export type SearchPlan =
	| { by: 'recent' }
	| { by: 'mrn'; mrn: string }
	| { by: 'phone'; phone: string }
	| { by: 'email'; email: string }
	| { by: 'name'; name: string };

/**
 * What a search box entry is: an MRN (`IND-123`, `ind000123`), a full phone number, an email, or
 * a name. Phone and email are only found whole, through their blind index; names by prefix of any
 * word or by similarity (a typo).
 */
export function planSearch(raw: string): SearchPlan {
	const q = raw.trim();
	if (!q) return { by: 'recent' };
	const mrn = /^([A-Za-z]{2,6})-?(\d{1,8})$/.exec(q);
	if (mrn) return { by: 'mrn', mrn: formatMrn(mrn[1]!, Number(mrn[2])) };
	if (q.includes('@')) return { by: 'email', email: q.toLowerCase() };
	const digits = q.replace(/[\s()+.-]/g, '');
	if (/^\d{7,15}$/.test(digits)) {
		const phone = normalisePhone(q);
		if (phone) return { by: 'phone', phone };
	}
	return { by: 'name', name: q.toLowerCase().replace(/\s+/g, ' ') };
}

export function formatMrn(prefix: string, n: number): string {
	return `${prefix.toUpperCase()}-${String(n).padStart(6, '0')}`;
}

/** A LIKE pattern that matches the text literally (%, _ and \ escaped). */
export function likeLiteral(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The text taken literally in a PostgreSQL regular expression (ARE). */
export function regexLiteral(text: string): string {
	return text.replace(/[\\^$.*+?()[\]{}|-]/g, (c) => `\\${c}`);
}

/** "A word of the name starts with this text": at the start or after a space. */
export function wordStartPattern(text: string): string {
	return `(^| )${regexLiteral(text)}`;
}

/**
 * Candidates for a name typed with one misspelt word: one alternative per word, in which every
 * other word is present as typed (patterns that must all match) and the name keeps a trace of
 * that word — any three letters in a row of it (four for a long word), or for a short word its
 * first two letters at the start of a word: "nayr" leaves "na…", "naveen" misspelt "navqen"
 * leaves "nav" and "qen". One typo leaves such a trace unless it hits the second letter of a
 * short word. Traces that the other words contain are left out, or "Navqen Nair" would match
 * every Nair by the "na" of Nair. None for a single word.
 */
export function oneTypoAlternatives(name: string): { exact: string[]; trace: string }[] {
	const words = name.split(' ').filter(Boolean);
	if (words.length < 2) return [];
	return words.flatMap((word, i) => {
		const others = words.filter((_, j) => j !== i);
		const traces = new Set<string>();
		const start = word.slice(0, 2);
		// Only letters and digits: the trigram index sees nothing else, and cannot narrow on it.
		const plain = (t: string) => /^[\p{L}\p{N}]+$/u.test(t);
		// Only short words need their start: from six letters on, a typo leaves a run of three intact.
		if (word.length <= 5 && start.length === 2 && plain(start) && !others.some((w) => w.startsWith(start))) traces.add(`(^| )${regexLiteral(start)}`);
		// A long word keeps four letters in a row through one typo, and four are rarer than three.
		const n = word.length >= 8 ? 4 : 3;
		for (let k = 0; k + n <= word.length; k++) {
			const t = word.slice(k, k + n);
			if (plain(t) && !others.some((w) => w.includes(t))) traces.add(regexLiteral(t));
		}
		return traces.size ? [{ exact: others.map((w) => wholeWordPattern([w])), trace: [...traces].join('|') }] : [];
	});
}

/**
 * Edits between two words: insertions, deletions, substitutions, and two neighbouring letters
 * swapped ("nair" → "niar") counted as one, as people mistype.
 */
export function typingDistance(a: string, b: string): number {
	const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = d;
		}
	}
	return rows[a.length]![b.length]!;
}

/** The shortest word worth correcting: below this, one edit reaches too many names to be a guess. */
export const MIN_CORRECTED_LENGTH = 4;

/**
 * What a single misspelt word was probably meant to be, from the names the hospital has: the
 * words one edit away (two for words of seven letters or more), only the closest ones, at most
 * `limit`. None when the word is itself a known name or too short to guess from.
 */
export function corrections(typed: string, vocabulary: readonly string[], limit = 5): string[] {
	if (typed.length < MIN_CORRECTED_LENGTH || vocabulary.includes(typed)) return [];
	const allowed = typed.length >= 7 ? 2 : 1;
	const near = vocabulary.map((word) => ({ word, d: typingDistance(typed, word) })).filter((w) => w.d <= allowed);
	const best = Math.min(...near.map((w) => w.d));
	return near.filter((w) => w.d === best).slice(0, limit).map((w) => w.word);
}

/** "A word of the name is one of these, whole." */
export function wholeWordPattern(words: readonly string[]): string {
	return `(^| )(${words.map(regexLiteral).join('|')})( |$)`;
}
