import { describe, expect, it } from 'vitest';
import { cleanCell, parseAge, parseAllergies, parseDate, parseFitzpatrick, parseSex, splitList } from './values.ts';

describe('dates of birth', () => {
	it.each([
		['1985-03-12', '1985-03-12'],
		['1985/3/2', '1985-03-02'],
		['12/03/1985', '1985-03-12'],
		['12-03-1985', '1985-03-12'],
		['2.3.1985', '1985-03-02'],
		['12-Mar-1985', '1985-03-12'],
		['12 March 1985', '1985-03-12'],
		['1 Sept 2001', '2001-09-01'],
		['1985-03-12 00:00:00', '1985-03-12'],
		['1985-03-12T00:00:00Z', '1985-03-12'],
		[' 29/02/2000 ', '2000-02-29']
	])('%s → %s', (input, iso) => expect(parseDate(input)).toBe(iso));

	it.each(['31/02/1990', '29/02/2001', '13/13/1990', '03/12/85', '1985-13-01', 'March 1985', 'yesterday', '12-Foo-1985', '', '12031985'])('refuses %j', (input) => {
		expect(parseDate(input)).toBeNull();
	});

	it('reads day first, as in India: 03/04/1990 is the 3rd of April', () => {
		expect(parseDate('03/04/1990')).toBe('1990-04-03');
	});
});

describe('sex', () => {
	it.each([
		['F', 'female'],
		['female', 'female'],
		['FEMALE', 'female'],
		['Woman', 'female'],
		['महिला', 'female'],
		['m', 'male'],
		['Male', 'male'],
		['पुरुष', 'male'],
		['Other', 'other'],
		['Transgender', 'other'],
		['U', 'unknown'],
		['Not known', 'unknown'],
		['n/a', 'unknown'],
		['', 'unknown'],
		['  ', 'unknown']
	])('%j → %s', (input, sex) => expect(parseSex(input)).toBe(sex));

	it('refuses what it does not understand rather than guessing', () => {
		expect(parseSex('Mrs')).toBeNull();
		expect(parseSex('2')).toBeNull();
	});
});

describe('other values', () => {
	it('reads Fitzpatrick types as digits, Roman numerals or "Type …"', () => {
		expect(['3', 'III', 'Type III', 'type 4', 'Fitzpatrick VI', 'skin type ii'].map(parseFitzpatrick)).toEqual([3, 3, 3, 4, 6, 2]);
		expect(['7', '0', 'VII', 'dark'].map(parseFitzpatrick)).toEqual([null, null, null, null]);
	});

	it('reads ages in years', () => {
		expect(['42', '42 yrs', '42 years', '7y'].map(parseAge)).toEqual([42, 42, 42, 7]);
		expect(['forty', '4.5', '-3'].map(parseAge)).toEqual([null, null, null]);
	});

	it('splits lists on ";" and new lines, keeping commas inside an item', () => {
		expect(splitList('Metformin 500; Vitamin D, 1000 IU;\nThyroxine ;; ')).toEqual(['Metformin 500', 'Vitamin D, 1000 IU', 'Thyroxine']);
	});

	it('reads an allergy’s severity when given, and records it as severe when not (the safe side)', () => {
		expect(parseAllergies('Penicillin: mild; Latex (moderate); Shellfish - anaphylaxis; Sulfa; Peanut butter; anti-inflammatory')).toEqual([
			{ substance: 'Penicillin', severity: 'mild' },
			{ substance: 'Latex', severity: 'moderate' },
			{ substance: 'Shellfish', severity: 'life-threatening' },
			{ substance: 'Sulfa', severity: 'severe' },
			{ substance: 'Peanut butter', severity: 'severe' },
			{ substance: 'anti-inflammatory', severity: 'severe' }
		]);
	});

	it('undoes the apostrophe an export puts before formula-like values', () => {
		expect(cleanCell("'+919812345678")).toBe('+919812345678');
		expect(cleanCell("'=SUM(A1)")).toBe('=SUM(A1)');
		expect(cleanCell("O'Brien")).toBe("O'Brien");
		expect(cleanCell('  Asha  ')).toBe('Asha');
		expect(cleanCell(undefined)).toBe('');
	});
});
