import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, csvLine, decodeCsv, detectDelimiter, parseCsv } from './csv.ts';
import { cleanCell } from './values.ts';
import { DELIMITERS } from '../../../shared/patients/patient-import.schema.ts';

const cells = (text: string, d: ',' | ';' | '\t' | '|' = ',') => parseCsv(text, d).records.map((r) => r.cells);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('reading a CSV', () => {
	it('splits plain rows, with CRLF, LF or CR line ends and no final newline', () => {
		expect(cells('id,name\r\n1,Asha\r\n2,Ravi')).toEqual([['id', 'name'], ['1', 'Asha'], ['2', 'Ravi']]);
		expect(cells('id,name\n1,Asha\n')).toEqual([['id', 'name'], ['1', 'Asha']]);
		expect(cells('id,name\r1,Asha\r')).toEqual([['id', 'name'], ['1', 'Asha']]);
	});

	it('keeps separators, doubled quotes and new lines inside quoted fields', () => {
		expect(cells('id,address,note\n1,"12, MG Road\nBengaluru","She said ""hi"""\n')).toEqual([
			['id', 'address', 'note'],
			['1', '12, MG Road\nBengaluru', 'She said "hi"']
		]);
		expect(cells('a;b\n"x;y";"line1\r\nline2"', ';')).toEqual([['a', 'b'], ['x;y', 'line1\r\nline2']]);
	});

	it('keeps empty cells, including a trailing one', () => {
		expect(cells('a,b,c\n1,,\n,2,')).toEqual([['a', 'b', 'c'], ['1', '', ''], ['', '2', '']]);
	});

	it('numbers rows as a spreadsheet does: the header is 1, blank lines count, a multi-line cell is one row', () => {
		const { records } = parseCsv('id,name\n1,"Asha\nRao"\n\n2,Ravi\n,,\n3,Meena\n', ',');
		expect(records.map((r) => [r.row, r.cells[0]])).toEqual([
			[1, 'id'],
			[2, '1'],
			[4, '2'],
			[6, '3']
		]);
	});

	it('says where a quote opened and never closed', () => {
		const parsed = parseCsv('id,name\n1,Asha\n2,"Ravi\n3,Meena\n', ',');
		expect(parsed.unterminatedQuoteAt).toBe(3);
		expect(parsed.records).toHaveLength(3);
	});

	it('keeps a stray quote inside an unquoted field, and text after a closing quote', () => {
		expect(cells('a,b\n5\'6",x\n"ab"c,d')).toEqual([['a', 'b'], ['5\'6"', 'x'], ['abc', 'd']]);
	});

	it('stops after maxRecords', () => {
		expect(parseCsv('a\n1\n2\n3\n', ',', { maxRecords: 2 }).records.map((r) => r.cells[0])).toEqual(['a', '1']);
	});

	it('round-trips anything written with csvLine (property)', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\n', '\r', '=', '+', '-', '@', 'ए', '1') });
		fc.assert(
			fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
				const width = rows[0]!.length;
				const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
				// Rows of blanks are skipped on purpose; give each row a key so none is blank.
				const keyed = table.map((r, i) => [`k${i}`, ...r]);
				const text = keyed.map((r) => csvLine(r)).join('');
				const back = parseCsv(text, ',').records.map((r) => r.cells.map(cleanCell));
				expect(back).toEqual(keyed.map((r) => r.map((c) => c.trim())));
			})
		);
	});
});

describe('decoding the bytes', () => {
	it('reads UTF-8 with or without a BOM', () => {
		expect(decodeCsv(utf8('\uFEFFid,नाम\n1,आशा'))).toEqual({ ok: true, text: 'id,नाम\n1,आशा', encoding: 'utf-8' });
		expect(decodeCsv(utf8('id,name'))).toMatchObject({ ok: true, text: 'id,name' });
	});

	it('falls back to Windows-1252 for old Excel exports, and reads Excel’s UTF-16 "Unicode text"', () => {
		const latin = new Uint8Array([0x69, 0x64, 0x2c, 0x6e, 0x0a, 0x31, 0x2c, 0x4a, 0x6f, 0x73, 0xe9]);
		expect(decodeCsv(latin)).toEqual({ ok: true, text: 'id,n\n1,José', encoding: 'windows-1252' });
		const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('id\tname\n1\tAsha', 'utf16le')]);
		expect(decodeCsv(utf16)).toEqual({ ok: true, text: 'id\tname\n1\tAsha', encoding: 'utf-16le' });
	});

	it('recognises a workbook, a binary file and an empty one', () => {
		expect(decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ ok: false, reason: 'spreadsheet' });
		expect(decodeCsv(new Uint8Array([0x89, 0x50, 0x00, 0x47]))).toEqual({ ok: false, reason: 'binary' });
		expect(decodeCsv(utf8(' \n \n'))).toEqual({ ok: false, reason: 'empty' });
		expect(decodeCsv(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
	});
});

describe('detecting the separator', () => {
	it.each(DELIMITERS)('finds %j', (d) => {
		const text = [['id', 'name', 'dob'], ['1', 'Asha Rao', '1990-01-02'], ['2', 'Ravi', '1985-03-04']].map((r) => r.join(d)).join('\n');
		expect(detectDelimiter(text).delimiter).toBe(d);
	});

	it('prefers the separator that splits rows consistently, not the one that appears most', () => {
		const text = 'id;name;address\n1;Asha;12, MG Road, Bengaluru\n2;Ravi;4, Church St, Bengaluru\n';
		expect(detectDelimiter(text).delimiter).toBe(';');
		const tsv = 'id\tname\taddress\n1\tAsha\t12, MG Road\n2\tRavi\t4, Church St\n';
		expect(detectDelimiter(tsv).delimiter).toBe('\t');
	});

	it('ignores separators inside quotes', () => {
		expect(detectDelimiter('id,name\n1,"Rao; Asha"\n2,"Iyer; Ravi"\n').delimiter).toBe(',');
	});

	it('falls back to a comma for a single column, and reports how wide each reading is', () => {
		const found = detectDelimiter('name\nAsha\nRavi\n');
		expect(found.delimiter).toBe(',');
		expect(found.columns).toEqual({ ',': 1, ';': 1, '\t': 1, '|': 1 });
	});
});

describe('writing a CSV', () => {
	it('quotes only when needed and defuses formulas', () => {
		expect(csvCell('Asha')).toBe('Asha');
		expect(csvCell('Rao, Asha')).toBe('"Rao, Asha"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvCell('+919812345678')).toBe("'+919812345678");
		expect(csvCell(null)).toBe('');
		expect(csvCell(false)).toBe('false');
		expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
	});
});
