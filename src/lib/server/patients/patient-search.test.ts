import { describe, expect, it } from 'vitest';
import { corrections, formatMrn, likeLiteral, oneTypoAlternatives, planSearch, typingDistance, wholeWordPattern, wordStartPattern } from './patient-search.ts';

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

describe('correcting a single misspelt word', () => {
	it('counts a missing, extra, wrong or swapped letter as one edit', () => {
		expect(typingDistance('nair', 'nair')).toBe(0);
		expect(typingDistance('nayr', 'nair')).toBe(1);
		expect(typingDistance('nar', 'nair')).toBe(1);
		expect(typingDistance('naiir', 'nair')).toBe(1);
		expect(typingDistance('niar', 'nair')).toBe(1);
		expect(typingDistance('sharma', 'varma')).toBe(2);
		expect(typingDistance('', 'abc')).toBe(3);
	});

	const vocabulary = ['nair', 'naik', 'priya', 'priyanka', 'sharma', 'varghese', 'vargas'];

	it('offers only the closest known words', () => {
		expect(corrections('nayr', vocabulary)).toEqual(['nair']);
		// "naii" is one edit from both.
		expect(corrections('naii', vocabulary).sort()).toEqual(['naik', 'nair']);
		expect(corrections('priyaa', vocabulary)).toEqual(['priya']);
		// Long words may be two edits off; a short one only one.
		expect(corrections('vargeese', vocabulary)).toEqual(['varghese']);
		expect(corrections('prya', vocabulary)).toEqual(['priya']);
		expect(corrections('pyra', vocabulary)).toEqual([]);
	});

	it('leaves alone a word that is a known name, a word too short to guess from, and one near nothing', () => {
		expect(corrections('nair', vocabulary)).toEqual([]);
		expect(corrections('nai', vocabulary)).toEqual([]);
		expect(corrections('qwxzrt', vocabulary)).toEqual([]);
		expect(corrections('nayr', vocabulary, 0)).toEqual([]);
	});

	it('matches whole words only, with regular-expression characters taken literally', () => {
		const re = new RegExp(wholeWordPattern(['nair', 'd.souza']));
		expect(re.test('priya nair')).toBe(true);
		expect(re.test('nairobi khan')).toBe(false);
		expect(re.test('d.souza')).toBe(true);
		expect(re.test('dxsouza')).toBe(false);
	});
});
