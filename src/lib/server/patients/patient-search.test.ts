import { describe, expect, it } from 'vitest';
import { formatMrn, likeLiteral, planSearch } from './patient-search.ts';

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
});
