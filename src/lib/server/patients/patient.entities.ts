import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';

/**
 * A patient of a hospital (records are hospital-wide; every branch sees them). Columns ending in
 * `_enc` hold AES-256-GCM ciphertext (`f1.<keyId>.…`, see crypto/field-crypto.ts) bound to the
 * patient and field; `_idx` columns hold the keyed blind index for exact search. The name stays
 * in clear so reception can find people by prefix and by a mistyped name (pg_trgm).
 */
export const Patient = defineEntity({
	name: 'Patient',
	tableName: 'patient',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		/** `<branch code>-<6 digits>`, unique in the hospital and never reused. */
		mrn: p.string().length(20),
		registeredAtBranch: () => p.manyToOne(Branch).mapToPk(),
		fullName: p.string().length(200),
		preferredName: p.string().length(120).nullable(),
		dateOfBirth: p.date().nullable(),
		dateOfBirthEstimated: p.boolean().default(false),
		sex: p.string().length(10),
		phoneEnc: p.text().nullable(),
		phoneIdx: p.string().length(64).nullable(),
		emailEnc: p.text().nullable(),
		emailIdx: p.string().length(64).nullable(),
		addressEnc: p.text().nullable(),
		emergencyContactEnc: p.text().nullable(),
		governmentIdEnc: p.text().nullable(),
		governmentIdIdx: p.string().length(64).nullable(),
		occupation: p.string().length(120).nullable(),
		referralSource: p.string().length(120).nullable(),
		preferredLanguage: p.string().length(40).nullable(),
		fitzpatrickType: p.smallint().nullable(),
		skinConcerns: p.array().default([]),
		allergiesEnc: p.text().nullable(),
		medicationsEnc: p.text().nullable(),
		conditionsEnc: p.text().nullable(),
		previousProceduresEnc: p.text().nullable(),
		consentPhotography: p.boolean().default(false),
		consentMarketing: p.boolean().default(false),
		consentSms: p.boolean().default(false),
		consentEmail: p.boolean().default(false),
		consentWhatsapp: p.boolean().default(false),
		/** For imports: the record's id in the system it came from, so importing twice creates no duplicates. */
		sourceSystem: p.string().length(60).nullable(),
		sourceId: p.string().length(120).nullable(),
		createdBy: () => p.manyToOne(User).mapToPk().nullable(),
		createdAt: p.datetime(),
		updatedAt: p.datetime(),
		version: p.integer().default(1)
	},
	uniques: [{ name: 'patient_mrn_once', properties: ['hospital', 'mrn'] }],
	indexes: [
		{ name: 'patient_phone_idx', properties: ['hospital', 'phoneIdx'] },
		{ name: 'patient_email_idx', properties: ['hospital', 'emailIdx'] },
		{ name: 'patient_government_id_idx', properties: ['hospital', 'governmentIdIdx'] },
		{ name: 'patient_name_trgm', expression: 'create index "patient_name_trgm" on "patient" using gin (lower("full_name") gin_trgm_ops)' },
		{ name: 'patient_recent', properties: ['hospital', 'updatedAt'] },
		{
			name: 'patient_source_once',
			expression: 'create unique index "patient_source_once" on "patient" ("hospital_id", "source_system", "source_id") where "source_id" is not null'
		}
	],
	checks: [
		{ name: 'patient_sex_known', expression: `sex in ('female', 'male', 'other', 'unknown')` },
		{ name: 'patient_fitzpatrick_range', expression: '(fitzpatrick_type >= 1) AND (fitzpatrick_type <= 6)' }
	]
});
export type Patient = InferEntity<typeof Patient>;

/** The medical history timeline: dated notes with their author; the note is encrypted. */
export const PatientHistoryEntry = defineEntity({
	name: 'PatientHistoryEntry',
	tableName: 'patient_history_entry',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		patient: () => p.manyToOne(Patient).mapToPk(),
		entryDate: p.date(),
		noteEnc: p.text(),
		author: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime()
	},
	indexes: [{ properties: ['patient', 'entryDate'] }]
});
export type PatientHistoryEntry = InferEntity<typeof PatientHistoryEntry>;

/** The next MRN number per hospital and prefix; only ever counts up, so a number is never reused. */
export const MrnCounter = defineEntity({
	name: 'MrnCounter',
	tableName: 'mrn_counter',
	properties: {
		hospital: () => p.manyToOne(Hospital).mapToPk().primary(),
		prefix: p.string().length(10).primary(),
		lastValue: p.integer()
	}
});
export type MrnCounter = InferEntity<typeof MrnCounter>;

/**
 * Every word that occurs in a patient's name, per hospital, lower-cased: the vocabulary a single
 * misspelt word is corrected against ("priyaa" → priya). Far smaller than the patients, so a
 * trigram match on it is quick where one on the names would read most of their index. Kept by a
 * trigger on patient (see the migration), so registrations, edits and imports all feed it; words
 * are never removed (a word nobody carries any more just finds nobody). Names are stored in clear
 * on the patient already; this holds nothing more.
 */
export const PatientNameWord = defineEntity({
	name: 'PatientNameWord',
	tableName: 'patient_name_word',
	properties: {
		hospital: () => p.manyToOne(Hospital).mapToPk().primary(),
		word: p.string().length(200).primary()
	},
	indexes: [{ name: 'patient_name_word_trgm', expression: 'create index "patient_name_word_trgm" on "patient_name_word" using gin ("word" gin_trgm_ops)' }]
});
export type PatientNameWord = InferEntity<typeof PatientNameWord>;

/**
 * A document or clinical photo of a patient. The bytes live encrypted in file storage (see
 * files/), under `storageKey`; photos also have an encrypted thumbnail. Removal is soft (audited).
 */
export const PatientFile = defineEntity({
	name: 'PatientFile',
	tableName: 'patient_file',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		patient: () => p.manyToOne(Patient).mapToPk(),
		/** document | photo */
		kind: p.string().length(10),
		contentType: p.string().length(60),
		/** The name it was uploaded with, cleaned of paths and control characters. */
		fileName: p.string().length(200),
		byteSize: p.integer(),
		sha256: p.string().length(64),
		storageKey: p.string().length(200),
		thumbnailKey: p.string().length(200).nullable(),
		/** Photos: where, which view, when, in which treatment session, before or after it. */
		bodyArea: p.string().length(60).nullable(),
		view: p.string().length(20).nullable(),
		takenOn: p.date().nullable(),
		treatmentSession: p.string().length(120).nullable(),
		phase: p.string().length(10).nullable(),
		/** Documents: a short description (e.g. "Referral letter"). */
		title: p.string().length(200).nullable(),
		uploadedBy: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime(),
		deletedAt: p.datetime().nullable(),
		deletedBy: () => p.manyToOne(User).mapToPk().nullable(),
		version: p.integer().default(1)
	},
	indexes: [{ properties: ['patient', 'kind', 'createdAt'] }],
	checks: [
		{ name: 'patient_file_kind', expression: `kind in ('document', 'photo')` },
		{ name: 'patient_file_view', expression: `view in ('front', 'left', 'right', 'back', 'close-up', 'other')` },
		{ name: 'patient_file_phase', expression: `phase in ('before', 'after')` }
	]
});
export type PatientFile = InferEntity<typeof PatientFile>;

/**
 * A CSV import of patients from a legacy system: uploaded, mapped, checked (dry run), then run in
 * the background. Rows are matched by the source system's id, so running it twice adds nobody twice.
 */
export const PatientImport = defineEntity({
	name: 'PatientImport',
	tableName: 'patient_import',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		createdBy: () => p.manyToOne(User).mapToPk(),
		/** uploaded | checking | checked | importing | completed | cancelled | failed */
		status: p.string().length(12),
		sourceSystem: p.string().length(60),
		fileName: p.string().length(200),
		/** The uploaded CSV, encrypted in file storage (it holds patient data). */
		storageKey: p.string().length(200),
		delimiter: p.string().length(1).nullable(),
		/** CSV column → patient field. */
		mapping: p.json<Record<string, string>>().nullable(),
		/** Import only the rows without errors (the person chose it after the dry run). */
		goodRowsOnly: p.boolean().default(false),
		totalRows: p.integer().default(0),
		validRows: p.integer().default(0),
		errorRows: p.integer().default(0),
		importedRows: p.integer().default(0),
		skippedRows: p.integer().default(0),
		/** Per-row problems from the dry run (row number, field, message key), capped. */
		report: p.json<unknown>().nullable(),
		cancelRequested: p.boolean().default(false),
		createdAt: p.datetime(),
		updatedAt: p.datetime(),
		finishedAt: p.datetime().nullable(),
		version: p.integer().default(1)
	},
	indexes: [{ properties: ['hospital', 'createdAt'] }],
	checks: [{ name: 'patient_import_status', expression: `status in ('uploaded', 'checking', 'checked', 'importing', 'completed', 'cancelled', 'failed')` }]
});
export type PatientImport = InferEntity<typeof PatientImport>;
