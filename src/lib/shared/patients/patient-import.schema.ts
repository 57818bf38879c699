import { z } from 'zod';
import { ZCreatePatientInput, ZPhone } from './patient.schema.ts';

/** Where an import stands; see the PatientImport entity. */
export const IMPORT_STATUSES = ['uploaded', 'checking', 'checked', 'importing', 'completed', 'cancelled', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** The import's work is under way in the background. */
export const RUNNING_STATUSES: readonly ImportStatus[] = ['checking', 'importing'];
/** Nothing more can happen to the import; its file is gone. */
export const FINISHED_STATUSES: readonly ImportStatus[] = ['completed', 'cancelled'];

/** Separators a CSV may use; the upload detects which. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
/** Names for the separators that a form can carry (a tab does not survive every form). */
export const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' } as const satisfies Record<Delimiter, string>;

/** Rows written per transaction; a cancel takes effect between two batches. */
export const IMPORT_BATCH = 500;

/** Largest CSV accepted, in bytes (checked while the upload streams in). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The patient fields a CSV column can fill. First/middle/last name are joined into the full name
 * when the file has no single name column; list fields are separated by ";" (or new lines).
 */
export const IMPORT_FIELDS = [
	'sourceId',
	'fullName',
	'firstName',
	'middleName',
	'lastName',
	'preferredName',
	'dateOfBirth',
	'estimatedAge',
	'sex',
	'phone',
	'email',
	'address',
	'occupation',
	'referralSource',
	'preferredLanguage',
	'fitzpatrickType',
	'skinConcerns',
	'allergies',
	'medications',
	'conditions',
	'previousProcedures'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * A row must name its record in the old system (so importing again skips it) and the person.
 * A full name column or a first name column will do for the name.
 */
export const REQUIRED_IMPORT_FIELDS = ['sourceId', 'fullName'] as const satisfies readonly ImportField[];

/**
 * One imported row: registration's own schema, except that the phone may be missing, because
 * old records often have none. Everything else (name, sex, dates, lists, lengths) is checked
 * exactly as a registration at the desk is.
 */
export const ZImportPatientRow = ZCreatePatientInput.safeExtend({ phone: ZPhone.nullable().optional() } as unknown as typeof ZCreatePatientInput.shape);

const ZSourceSystem = z.string({ error: 'imports.v.sourceSystem' }).trim().min(1, 'imports.v.sourceSystem').max(60, 'imports.v.sourceSystem');

/** The text fields of an upload (the CSV itself is the multipart field `file`). */
export const ZUploadImportInput = z
	.object({
		sourceSystem: ZSourceSystem,
		/** Where the patients are registered (their MRNs take its code); defaults to the first branch where you may import. */
		branchId: z.uuid({ error: 'patients.v.branch' }).optional(),
		/** Leave out to detect it from the file. */
		delimiter: z.enum(DELIMITERS, { error: 'imports.v.delimiter' }).optional()
	})
	.strict();
export type UploadImportInput = z.input<typeof ZUploadImportInput>;

/** Which file column fills which patient field. Changing the separator alone guesses the matching again. */
export const ZImportMappingInput = z
	.object({
		delimiter: z.enum(DELIMITERS, { error: 'imports.v.delimiter' }).optional(),
		/** Column (as named in the file's header) → field; columns left out are not imported. */
		mapping: z.record(z.string().max(200, 'validation.tooLong'), z.enum(IMPORT_FIELDS, { error: 'imports.v.field' })).optional(),
		version: z.int({ error: 'patients.v.version' }).positive('patients.v.version')
	})
	.strict();
export type ImportMappingInput = z.input<typeof ZImportMappingInput>;

export const ZStartImportInput = z
	.object({
		/** Required when the dry run found rows with errors: import the others and leave those out. */
		goodRowsOnly: z.boolean({ error: 'imports.v.goodRowsOnly' }).default(false),
		version: z.int({ error: 'patients.v.version' }).positive('patients.v.version')
	})
	.strict();
export type StartImportInput = z.input<typeof ZStartImportInput>;

export const ZImportVersion = z.object({ version: z.int({ error: 'patients.v.version' }).positive('patients.v.version') }).strict();

/** One problem found in a row: where (row as a spreadsheet numbers it, header = 1) and what, in the reader's language. */
export const ZImportIssue = z.object({
	row: z.int(),
	column: z.string().nullable(),
	field: z.string().nullable(),
	message: z.string()
});
export type ImportIssue = z.infer<typeof ZImportIssue>;

export const ZImportReport = z.object({
	/** How the file's bytes were read. */
	encoding: z.enum(['utf-8', 'utf-16le', 'windows-1252']),
	/** Problems with the whole file (separator, missing columns); importing waits until there are none. */
	fileProblems: z.array(z.string()),
	/** Row errors, at most 1,000 (errorRows counts them all). */
	issues: z.array(ZImportIssue),
	moreIssues: z.int().describe('Row errors found beyond those listed'),
	/** Rows whose phone number belongs to a registered patient (could be the same person, or family). */
	warnings: z.array(ZImportIssue.extend({ patientId: z.uuid(), mrn: z.string() })),
	moreWarnings: z.int(),
	/** Rows whose source id was imported before: skipped, never duplicated. */
	alreadyImported: z.int(),
	/** What the last run did, once it ran. */
	run: z
		.object({
			imported: z.int(),
			alreadyImported: z.int(),
			withErrors: z.int(),
			seconds: z.number(),
			outcome: z.enum(['completed', 'cancelled', 'failed'])
		})
		.nullable()
});
export type ImportReport = z.infer<typeof ZImportReport>;

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZPatientImport = z.object({
	id: z.uuid(),
	status: z.enum(IMPORT_STATUSES),
	sourceSystem: z.string(),
	fileName: z.string(),
	branch: ZRef.extend({ code: z.string() }),
	createdBy: ZRef,
	delimiter: z.enum(DELIMITERS).nullable(),
	mapping: z.record(z.string(), z.enum(IMPORT_FIELDS)).nullable(),
	goodRowsOnly: z.boolean(),
	totalRows: z.int(),
	validRows: z.int(),
	errorRows: z.int(),
	importedRows: z.int(),
	skippedRows: z.int(),
	/** Rows done so far by the running step (for a progress bar). */
	processedRows: z.int(),
	cancelRequested: z.boolean(),
	report: ZImportReport.nullable(),
	/** The file's columns and first rows, while the file is kept (before the import finishes). */
	columns: z.array(z.string()).optional(),
	preview: z.array(z.array(z.string())).optional(),
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	finishedAt: z.iso.datetime().nullable(),
	version: z.int()
});
export type PatientImportDto = z.infer<typeof ZPatientImport>;

export const ZPatientImportList = z.object({ imports: z.array(ZPatientImport.omit({ report: true, columns: true, preview: true })) });
export type PatientImportSummary = z.infer<typeof ZPatientImportList>['imports'][number];

/** What the socket says while a dry run or an import runs (counts only: never patient data). */
export interface ImportProgress {
	id: string;
	status: ImportStatus;
	totalRows: number;
	processedRows: number;
	validRows: number;
	errorRows: number;
	importedRows: number;
	skippedRows: number;
	cancelRequested: boolean;
	version: number;
}
