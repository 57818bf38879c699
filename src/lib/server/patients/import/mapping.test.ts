import { describe, expect, it } from 'vitest';
import { columnNames, fieldsTakenTwice, guessMapping, missingRequired } from './mapping.ts';
import { checkRow, fieldIndex } from './rows.ts';
import { render } from '../../../shared/i18n/translate.ts';

describe('column names', () => {
	it('names empty and repeated header cells so every column has its own name', () => {
		expect(columnNames([' ID ', '', 'Phone', 'phone', 'Phone'])).toEqual(['ID', '#2', 'Phone', 'phone', 'Phone (2)']);
	});
});

describe('guessing the matching from header names', () => {
	it('understands the usual names of old clinic systems and spreadsheets', () => {
		const columns = ['Patient ID', 'Patient Name', 'DOB', 'Gender', 'Mobile No.', 'E-mail', 'Address', 'Referred By', 'Skin Type', 'Known Allergies', 'Current Medications', 'Medical History', 'Notes'];
		expect(guessMapping(columns)).toEqual({
			'Patient ID': 'sourceId',
			'Patient Name': 'fullName',
			DOB: 'dateOfBirth',
			Gender: 'sex',
			'Mobile No.': 'phone',
			'E-mail': 'email',
			Address: 'address',
			'Referred By': 'referralSource',
			'Skin Type': 'fitzpatrickType',
			'Known Allergies': 'allergies',
			'Current Medications': 'medications',
			'Medical History': 'conditions'
		});
	});

	it('matches snake_case, odd spacing and Hindi headers', () => {
		expect(guessMapping(['source_id', 'full_name', 'date_of_birth', 'sex', 'phone'])).toEqual({ source_id: 'sourceId', full_name: 'fullName', date_of_birth: 'dateOfBirth', sex: 'sex', phone: 'phone' });
		expect(guessMapping(['UHID', 'नाम', 'लिंग', 'मोबाइल'])).toEqual({ UHID: 'sourceId', 'नाम': 'fullName', 'लिंग': 'sex', 'मोबाइल': 'phone' });
	});

	it('gives each field to the first column that names it', () => {
		expect(guessMapping(['Mobile', 'Phone', 'id', 'MRN'])).toEqual({ Mobile: 'phone', id: 'sourceId' });
	});

	it('uses first and last names when there is no single name column, and drops them when there is', () => {
		expect(guessMapping(['id', 'First Name', 'Surname'])).toEqual({ id: 'sourceId', 'First Name': 'firstName', Surname: 'lastName' });
		expect(guessMapping(['id', 'Name', 'First Name'])).toEqual({ id: 'sourceId', Name: 'fullName' });
	});

	it('says which required fields no column fills, and which fields two columns claim', () => {
		expect(missingRequired({ Name: 'fullName' })).toEqual(['sourceId']);
		expect(missingRequired({ id: 'sourceId', First: 'firstName' })).toEqual([]);
		expect(missingRequired({})).toEqual(['sourceId', 'fullName']);
		expect(fieldsTakenTwice({ a: 'phone', b: 'phone', c: 'sex' })).toEqual(['phone']);
	});
});

describe('checking a row with registration’s schema', () => {
	const columns = ['id', 'name', 'dob', 'sex', 'phone', 'email', 'allergies', 'fitz'];
	const index = fieldIndex(columns, guessMapping(columns));
	const en = (problems: { msg: Parameters<typeof render>[1] }[]) => problems.map((p) => render('en', p.msg));

	it('turns a good row into registration’s input', () => {
		const row = checkRow(['A-17', ' Asha Rao ', '12/03/1985', 'F', '98123 45678', 'Asha@Example.com', 'Penicillin: mild', 'IV'], index, columns.length);
		expect(row).toEqual({
			ok: true,
			sourceId: 'A-17',
			data: { fullName: 'Asha Rao', sex: 'female', dateOfBirth: '1985-03-12', phone: '+919812345678', email: 'asha@example.com', allergies: [{ substance: 'Penicillin', severity: 'mild' }], fitzpatrickType: 4 }
		});
	});

	it('allows a missing phone and an empty sex (recorded as unknown)', () => {
		expect(checkRow(['A-18', 'Ravi', '', '', '', '', '', ''], index, columns.length)).toEqual({ ok: true, sourceId: 'A-18', data: { fullName: 'Ravi', sex: 'unknown' } });
	});

	it('names every problem of a bad row with its field', () => {
		const row = checkRow(['', '', '31/02/1990', 'robot', '12', 'not-an-email', '', '9'], index, columns.length);
		expect(row.ok).toBe(false);
		if (row.ok) return;
		expect(row.problems.map((p) => p.field).sort()).toEqual(['dateOfBirth', 'email', 'fitzpatrickType', 'fullName', 'phone', 'sex', 'sourceId']);
		expect(en(row.problems)).toContain('Enter a valid phone number, e.g. 98765 43210 or +44 20 7946 0958');
		expect(en(row.problems)).toContain('Date not understood: use YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY');
	});

	it('refuses a date of birth in the future, as registration does', () => {
		const row = checkRow(['A-19', 'Baby', '01/01/2999', 'M', '', '', '', ''], index, columns.length);
		expect(row.ok || en(row.problems)).toEqual(['The date of birth cannot be in the future']);
	});

	it('reports a row with the wrong number of cells', () => {
		const row = checkRow(['A-20', 'Meena'], index, columns.length);
		expect(row.ok || en(row.problems)).toEqual(['This row has 2 cells where the header has 8']);
	});

	it('joins first, middle and last names into the full name', () => {
		const cols = ['id', 'first name', 'middle name', 'last name'];
		const row = checkRow(['7', 'Asha', '', 'Rao'], fieldIndex(cols, guessMapping(cols)), cols.length);
		expect(row).toMatchObject({ ok: true, data: { fullName: 'Asha Rao' } });
	});
});
