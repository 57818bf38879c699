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
		{ name: 'patient_fitzpatrick_range', expression: 'fitzpatrick_type between 1 and 6' }
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
