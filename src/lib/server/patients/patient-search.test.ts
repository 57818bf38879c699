import { describe, expect, it } from 'vitest';
import { formatMrn, likeLiteral, oneTypoAlternatives, planSearch, wordStartPattern } from './patient-search.ts';

describe('reading the search box', () => {
	it('knows an MRN however it is typed', () => {
		expect(planSearch('IND-000123')).toEqual({ by: 'mrn', mrn: 'IND-000123' });
		expect(planSearch('ind123')).toEqual({ by: 'mrn', mrn: 'IND-000123' });
		expect(planSearch(' kor-7 ')).toEqual({ by: 'mrn', mrn: 'KOR-000007' });
	});

	it('knows a full phone number in any common Indian format, and an email', () => {
		for (const typed of ['98765 43210', '+91 98765-43210', '09876543210', '919876543210']) expect(planSearch(typed)).toEqual({ by: 'phone', phone: '+919876543210' });
		expect(planSearch('Asha@Example.com')).toEqual({ by: 'email', email: 'asha@example.com' });
	});

	it('treats anything else as a name, and nothing as "recent"', () => {
		expect(planSearch('  Priya   Nair ')).toEqual({ by: 'name', name: 'priya nair' });
		expect(planSearch('4321')).toEqual({ by: 'name', name: '4321' });
		expect(planSearch('')).toEqual({ by: 'recent' });
	});

	it('formats MRNs with six digits and escapes LIKE wildcards', () => {
		expect(formatMrn('ind', 1234567)).toBe('IND-1234567');
		expect(likeLiteral('50%_a\\b')).toBe('50\\%\\_a\\\\b');
	});

	it('matches a name by the start of any word, taking what was typed literally', () => {
		const matches = (typed: string, name: string) => new RegExp(wordStartPattern(typed)).test(name);
		expect(matches('shar', 'sharmila rao')).toBe(true);
		expect(matches('shar', 'rahul sharma')).toBe(true);
		expect(matches('priya n', 'k. priya nair')).toBe(true);
		expect(matches('arma', 'rahul sharma')).toBe(false);
		expect(matches('k.', 'k. priya nair')).toBe(true);
		expect(matches('k.', 'kx priya')).toBe(false);
		expect(matches('a(b', 'x a(b')).toBe(true);
		expect(wordStartPattern('d\'souza [x]')).toBe("(^| )d'souza \\[x\\]");
	});

	it('looks for a name with one misspelt word among those with the other words as typed and a trace of that one', () => {
		const candidate = (typed: string, name: string) => oneTypoAlternatives(typed).some((a) => [...a.exact, a.trace].every((p) => new RegExp(p).test(name)));
		expect(candidate('priya nayr', 'priya nair')).toBe(true);
		expect(candidate('prija nair', 'priya nair')).toBe(true);
		expect(candidate('priya nayr', 'priya sharma')).toBe(false);
		expect(candidate('priya nayr', 'priyanka nair')).toBe(false);
		expect(candidate('ravi kumr sharma', 'ravi kumar sharma')).toBe(true);
		expect(candidate('ravi kumr sharma', 'ravi sharma')).toBe(false);
		expect(candidate('navqen nair', 'naveen nair')).toBe(true);
		// The "na" of Nair is no trace of "navqen".
		expect(candidate('navqen nair', 'divya nair')).toBe(false);
		expect(oneTypoAlternatives('navqen nair')[0]!.trace).toBe('nav|avq|vqe|qen');
		expect(candidate('saraswti kumar', 'saraswati kumar')).toBe(true);
		expect(oneTypoAlternatives('sarqswati kumar')[0]!.trace).toBe('sarq|arqs|rqsw|qswa|swat|wati');
		expect(oneTypoAlternatives('priya')).toEqual([]);
	});
});
