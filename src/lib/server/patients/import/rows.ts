import { ZImportPatientRow, type ImportField } from '../../../shared/patients/patient-import.schema.ts';
import { msg, type Msg } from '../../../shared/i18n/translate.ts';
import { fieldErrorsFrom } from '../../errors/domain-error.ts';
import { cleanCell, parseAge, parseAllergies, parseDate, parseFitzpatrick, parseSex, splitList } from './values.ts';

/** Which cell of a record fills each mapped field. */
export type FieldIndex = Partial<Record<ImportField, number>>;

export function fieldIndex(columns: readonly string[], mapping: Record<string, ImportField>): FieldIndex {
	const index: FieldIndex = {};
	columns.forEach((column, i) => {
		const field = mapping[column];
		if (field && index[field] === undefined) index[field] = i;
	});
	return index;
}

/** A problem in one row: the field (and so the column) it concerns, and what is wrong, as a message key. */
export interface RowProblem {
	field: ImportField | null;
	msg: Msg;
}

export type CheckedRow = { ok: true; sourceId: string; data: Record<string, unknown> } | { ok: false; sourceId: string | null; problems: RowProblem[] };

const TEXT_FIELDS = ['preferredName', 'phone', 'email', 'address', 'occupation', 'referralSource', 'preferredLanguage'] as const;
const LIST_FIELDS = ['skinConcerns', 'medications', 'conditions', 'previousProcedures'] as const;
/** Registration's field names that are import fields too (the rest, e.g. governmentId, are not imported). */
const SCHEMA_TO_IMPORT: Record<string, ImportField> = { fullName: 'fullName', dateOfBirth: 'dateOfBirth', estimatedAge: 'estimatedAge', sex: 'sex', fitzpatrickType: 'fitzpatrickType', allergies: 'allergies', ...Object.fromEntries([...TEXT_FIELDS, ...LIST_FIELDS].map((f) => [f, f])) };

/**
 * One record as registration's input, checked with the same shared schema (phones optional):
 * either the values to insert, or every problem found, each tied to its field.
 */
export function checkRow(cells: readonly string[], index: FieldIndex, expectedCells: number): CheckedRow {
	const cell = (f: ImportField) => (index[f] === undefined ? '' : cleanCell(cells[index[f]!]));
	const problems: RowProblem[] = [];
	const sourceId = cell('sourceId');

	if (cells.length !== expectedCells) problems.push({ field: null, msg: msg('imports.v.cellCount', { count: cells.length, expected: expectedCells }) });
	if (!sourceId) problems.push({ field: 'sourceId', msg: msg('imports.v.sourceId') });
	else if (sourceId.length > 120) problems.push({ field: 'sourceId', msg: msg('imports.v.sourceIdTooLong') });

	const input: Record<string, unknown> = {};
	const fullName = cell('fullName') || [cell('firstName'), cell('middleName'), cell('lastName')].filter(Boolean).join(' ');
	input.fullName = fullName;

	const sex = parseSex(cell('sex'));
	if (sex === null) problems.push({ field: 'sex', msg: msg('imports.v.sex') });
	else input.sex = sex;

	const dob = cell('dateOfBirth');
	if (dob) {
		const iso = parseDate(dob);
		if (iso === null) problems.push({ field: 'dateOfBirth', msg: msg('imports.v.date') });
		else input.dateOfBirth = iso;
	}
	const age = cell('estimatedAge');
	// A date of birth wins over an age in the same row: it is the more precise of the two.
	if (age && !input.dateOfBirth && !problems.some((p) => p.field === 'dateOfBirth')) {
		const years = parseAge(age);
		if (years === null) problems.push({ field: 'estimatedAge', msg: msg('patients.v.estimatedAge') });
		else input.estimatedAge = years;
	}
	const fitz = cell('fitzpatrickType');
	if (fitz) {
		const type = parseFitzpatrick(fitz);
		if (type === null) problems.push({ field: 'fitzpatrickType', msg: msg('patients.v.fitzpatrick') });
		else input.fitzpatrickType = type;
	}
	for (const f of TEXT_FIELDS) {
		const v = cell(f);
		if (v) input[f] = v;
	}
	for (const f of LIST_FIELDS) {
		const v = cell(f);
		if (v) input[f] = splitList(v);
	}
	const allergies = cell('allergies');
	if (allergies) input.allergies = parseAllergies(allergies);

	const parsed = ZImportPatientRow.safeParse(input);
	if (!parsed.success) {
		// A value this module could not read is reported once, not again as "required" by the schema.
		const reported = new Set(problems.map((p) => p.field));
		for (const [path, messages] of Object.entries(fieldErrorsFrom(parsed.error))) {
			const schemaField = SCHEMA_TO_IMPORT[path.split('.')[0]!] ?? null;
			const field = schemaField === 'fullName' && index.fullName === undefined ? 'firstName' : schemaField;
			if (field && reported.has(field)) continue;
			for (const m of messages) problems.push({ field, msg: m });
		}
	}
	if (problems.length || !parsed.success) return { ok: false, sourceId: sourceId || null, problems };
	return { ok: true, sourceId, data: parsed.data as Record<string, unknown> };
}
