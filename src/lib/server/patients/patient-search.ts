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
