import type { Allergy } from '../../../shared/patients/patient.schema.ts';

/**
 * Turning the text of old records into registration's values. Each parser answers null for text
 * it cannot read, so the row is reported rather than guessed at.
 */

/** A cell as typed, without surrounding spaces, and without the apostrophe a CSV export puts before a formula-like value. */
export function cleanCell(value: string | undefined): string {
	const v = (value ?? '').trimStart();
	return (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v).trim();
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function isoDate(y: number, m: number, d: number): string | null {
	if (m < 1 || m > 12 || d < 1 || d > 31) return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	// 31/02 rolls over to March in Date; a real calendar date round-trips.
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date of birth as YYYY-MM-DD, from YYYY-MM-DD (or with / or .), DD/MM/YYYY, DD-MM-YYYY,
 * DD.MM.YYYY or 12-Mar-1985 / 12 March 1985. Day first, as in India and most of the world;
 * a time after the date (from a database export) is ignored. Two-digit years are refused: 05
 * could be 1905 or 2005.
 */
export function parseDate(value: string): string | null {
	const v = value.trim().replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, '');
	let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
	if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
	m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
	if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
	m = /^(\d{1,2})[-/. ]([A-Za-z]{3,9})\.?[-/. ,]+(\d{4})$/.exec(v);
	if (m) {
		// "Mar", "March", "Sept": a month's English name or its start.
		const name = m[2]!.toLowerCase();
		const month = MONTHS.findIndex((full) => full.startsWith(name)) + 1;
		return month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
	}
	return null;
}

const SEXES: Record<string, 'female' | 'male' | 'other' | 'unknown'> = {
	f: 'female',
	female: 'female',
	fem: 'female',
	w: 'female',
	woman: 'female',
	girl: 'female',
	'महिला': 'female',
	'स्त्री': 'female',
	m: 'male',
	male: 'male',
	man: 'male',
	boy: 'male',
	'पुरुष': 'male',
	o: 'other',
	other: 'other',
	x: 'other',
	t: 'other',
	transgender: 'other',
	intersex: 'other',
	nonbinary: 'other',
	'अन्य': 'other',
	u: 'unknown',
	unknown: 'unknown',
	na: 'unknown',
	notknown: 'unknown',
	notstated: 'unknown',
	unspecified: 'unknown'
};

/** female/male/other/unknown from M, F, Male, FEMALE, Woman, "not known", Hindi…; empty is "unknown". */
export function parseSex(value: string): 'female' | 'male' | 'other' | 'unknown' | null {
	const key = value.trim().toLowerCase().replace(/[\s._/-]+/g, '');
	if (!key) return 'unknown';
	return SEXES[key] ?? null;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6 };

/** 1–6 from "3", "III", "Type III", "type 3", "Fitzpatrick IV". */
export function parseFitzpatrick(value: string): number | null {
	const v = value.trim().toLowerCase().replace(/^(fitzpatrick\s*)?(skin\s*)?(type\s*)?/, '');
	if (/^[1-6]$/.test(v)) return Number(v);
	return ROMAN[v] ?? null;
}

/** An age in whole years from "42", "42 yrs", "42 years". */
export function parseAge(value: string): number | null {
	const m = /^(\d{1,3})\s*(y|yr|yrs|year|years)?\.?$/i.exec(value.trim());
	return m ? Number(m[1]) : null;
}

/** Items of a list cell: separated by ";" or new lines (commas stay: "Vitamin D, 1000 IU" is one item). */
export function splitList(value: string): string[] {
	return value
		.split(/[;\r\n]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

const SEVERITY_WORDS: Record<string, Allergy['severity']> = {
	mild: 'mild',
	low: 'mild',
	moderate: 'moderate',
	medium: 'moderate',
	severe: 'severe',
	high: 'severe',
	serious: 'severe',
	'life-threatening': 'life-threatening',
	lifethreatening: 'life-threatening',
	anaphylaxis: 'life-threatening',
	anaphylactic: 'life-threatening'
};

/**
 * Allergies from "Penicillin: mild; Latex (severe); Sulfa". An allergy whose severity the old
 * record does not state is imported as severe: over-warning a prescriber is safe, under-warning is not.
 */
export function parseAllergies(value: string): Allergy[] {
	return splitList(value).map((item) => {
		const m = /^(.*?)\s*(?:[:(–-]\s*|\s+)([A-Za-z-]+)\)?$/.exec(item);
		const severity = m ? SEVERITY_WORDS[m[2]!.toLowerCase()] : undefined;
		if (m && severity && m[1]!.trim()) return { substance: m[1]!.trim(), severity };
		return { substance: item, severity: 'severe' };
	});
}
