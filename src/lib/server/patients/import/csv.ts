import { DELIMITERS, type Delimiter } from '../../../shared/patients/patient-import.schema.ts';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'windows-1252';

export type Decoded = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; reason: 'spreadsheet' | 'binary' | 'empty' };

/**
 * The file's text. Old systems export in all sorts of ways: UTF-8 with or without a BOM, Excel's
 * "Unicode text" (UTF-16 LE with a BOM), or Windows-1252 (the default "CSV" of older Excel), so a
 * file that is not valid UTF-8 is read as Windows-1252 rather than refused. A workbook (.xlsx/.xls)
 * uploaded by mistake is recognised by its first bytes.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
	if (bytes.length === 0) return { ok: false, reason: 'empty' };
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, reason: 'spreadsheet' };
	let text: string;
	let encoding: CsvEncoding;
	if (starts(0xff, 0xfe)) {
		text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
		encoding = 'utf-16le';
	} else {
		try {
			text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
			encoding = 'utf-8';
		} catch {
			text = new TextDecoder('windows-1252').decode(bytes);
			encoding = 'windows-1252';
		}
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.includes('\u0000')) return { ok: false, reason: 'binary' };
	if (!text.trim()) return { ok: false, reason: 'empty' };
	return { ok: true, text, encoding };
}

export interface CsvRecord {
	/** The row as a spreadsheet shows it: the header is row 1, blank lines count. */
	row: number;
	cells: string[];
}

export interface ParsedCsv {
	records: CsvRecord[];
	/** Row where a quoted field opened and never closed (the rest of the file went into it). */
	unterminatedQuoteAt: number | null;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * RFC 4180 and what spreadsheets really write: fields in double quotes may hold the separator,
 * new lines and doubled quotes; CRLF, LF or CR end a record; blank lines (or rows of empty cells)
 * are skipped but still counted, so row numbers match what the person sees in their spreadsheet.
 * A quote inside an unquoted field is kept as text; text after a closing quote is kept too.
 */
export function parseCsv(text: string, delimiter: Delimiter, options: { maxRecords?: number } = {}): ParsedCsv {
	const max = options.maxRecords ?? Infinity;
	const sep = delimiter.charCodeAt(0);
	const n = text.length;
	const records: CsvRecord[] = [];
	let row = 1;
	let cells: string[] = [];
	let i = 0;
	let unterminatedQuoteAt: number | null = null;

	// A spreadsheet shows a record as one row, whatever new lines its quoted fields hold.
	const endRecord = () => {
		if (cells.some((c) => c.trim() !== '')) records.push({ row, cells });
		cells = [];
		row++;
	};

	while (i < n && records.length < max) {
		let field = '';
		if (text.charCodeAt(i) === QUOTE) {
			i++;
			for (;;) {
				const close = text.indexOf('"', i);
				if (close === -1) {
					unterminatedQuoteAt = row;
					field += text.slice(i);
					i = n;
					break;
				}
				field += text.slice(i, close);
				if (text.charCodeAt(close + 1) === QUOTE) {
					field += '"';
					i = close + 2;
				} else {
					i = close + 1;
					break;
				}
			}
			// Anything between the closing quote and the separator belongs to the field.
			const rest = i;
			while (i < n) {
				const c = text.charCodeAt(i);
				if (c === sep || c === CR || c === LF) break;
				i++;
			}
			if (i > rest) field += text.slice(rest, i);
		} else {
			const start = i;
			while (i < n) {
				const c = text.charCodeAt(i);
				if (c === sep || c === CR || c === LF) break;
				i++;
			}
			field = text.slice(start, i);
		}
		cells.push(field);
		if (i >= n) {
			endRecord();
			break;
		}
		const c = text.charCodeAt(i);
		if (c === sep) {
			i++;
			// A separator at the very end still opens one last (empty) field.
			if (i >= n) {
				cells.push('');
				endRecord();
			}
			continue;
		}
		i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
		endRecord();
	}
	return { records, unterminatedQuoteAt };
}

/** Up to this much of the file is read to guess the separator. */
const SAMPLE_CHARS = 64 * 1024;

/**
 * The separator that splits the first rows most consistently into more than one column. A tie
 * (e.g. a one-column file) goes to the comma. Returns how well each candidate did, so a check can
 * say "this looks like a semicolon file" when the chosen one gives a single column.
 */
export function detectDelimiter(text: string): { delimiter: Delimiter; columns: Record<Delimiter, number> } {
	let sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
	if (sample.length < text.length) {
		const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
		if (lastBreak > 0) sample = sample.slice(0, lastBreak);
	}
	let best: Delimiter = ',';
	let bestScore = 0;
	const columns = {} as Record<Delimiter, number>;
	for (const d of DELIMITERS) {
		const { records } = parseCsv(sample, d, { maxRecords: 50 });
		const width = records[0]?.cells.length ?? 0;
		columns[d] = width;
		if (width < 2) continue;
		const rows = records.slice(1);
		const consistent = rows.length ? rows.filter((r) => r.cells.length === width).length / rows.length : 1;
		const score = consistent * 1000 + width;
		if (score > bestScore) {
			bestScore = score;
			best = d;
		}
	}
	return { delimiter: best, columns };
}

/**
 * One CSV cell for a file people open in spreadsheets: quoted when it must be, and a leading
 * = + - @ defused with an apostrophe so a cell is never run as a formula (the importer removes it again).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '';
	let s = String(value);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n;]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
	return `${cells.map(csvCell).join(',')}\r\n`;
}
