import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { maskEmail, maskPhone } from '../../shared/patients/phone.ts';
import type { Allergy, EmergencyContact, GovernmentId, PatientDto, PatientSummary } from '../../shared/patients/patient.schema.ts';

/** A patient row as stored: `_enc` columns are ciphertext bound to the patient and field. */
export interface PatientRow {
	id: string;
	hospital_id: string;
	mrn: string;
	registered_at_branch_id: string;
	branch_name: string;
	branch_code: string;
	full_name: string;
	preferred_name: string | null;
	date_of_birth: string | null;
	date_of_birth_estimated: boolean;
	sex: PatientDto['sex'];
	phone_enc: string | null;
	email_enc: string | null;
	address_enc: string | null;
	emergency_contact_enc: string | null;
	government_id_enc: string | null;
	occupation: string | null;
	referral_source: string | null;
	preferred_language: string | null;
	fitzpatrick_type: number | null;
	skin_concerns: string[];
	allergies_enc: string | null;
	medications_enc: string | null;
	conditions_enc: string | null;
	previous_procedures_enc: string | null;
	consent_photography: boolean;
	consent_marketing: boolean;
	consent_sms: boolean;
	consent_email: boolean;
	consent_whatsapp: boolean;
	created_at: Date;
	updated_at: Date;
	version: number;
}

export const PATIENT_SELECT = `select p.*, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, b.name as branch_name, b.code as branch_code
	from patient p join branch b on b.id = p.registered_at_branch_id`;

/** The encrypted columns and the field names their ciphertext is bound to. */
export const ENCRYPTED_COLUMNS = {
	phone: 'phone_enc',
	email: 'email_enc',
	address: 'address_enc',
	emergencyContact: 'emergency_contact_enc',
	governmentId: 'government_id_enc',
	allergies: 'allergies_enc',
	medications: 'medications_enc',
	conditions: 'conditions_enc',
	previousProcedures: 'previous_procedures_enc'
} as const;
export type EncryptedField = keyof typeof ENCRYPTED_COLUMNS;

export const contextOf = (patientId: string, field: EncryptedField) => `patient:${patientId}:${field}`;

/** Values of the encrypted fields are JSON inside the ciphertext (strings stay strings). */
export function seal(crypto: FieldCrypto, patientId: string, field: EncryptedField, value: unknown): string | null {
	if (value === null || value === undefined) return null;
	return crypto.encrypt(JSON.stringify(value), contextOf(patientId, field));
}

export function open<T>(crypto: FieldCrypto, patientId: string, field: EncryptedField, sealed: string | null): T | null {
	return sealed === null ? null : (JSON.parse(crypto.decrypt(sealed, contextOf(patientId, field))) as T);
}

export function maskGovernmentId(id: GovernmentId): GovernmentId {
	return { type: id.type, number: `•••• ${id.number.slice(-4)}` };
}

/** The patient as this reader may see them: everything, or contact fields masked and clinical lists withheld. */
export function toPatientDto(crypto: FieldCrypto, r: PatientRow, sensitive: boolean): PatientDto {
	const o = <T>(field: EncryptedField) => open<T>(crypto, r.id, field, r[ENCRYPTED_COLUMNS[field]]);
	const email = o<string>('email');
	const governmentId = o<GovernmentId>('governmentId');
	const contact = o<EmergencyContact>('emergencyContact');
	return {
		// The fields a search result shows, as it shows them.
		...toSummary(crypto, r, sensitive),
		email: email && (sensitive ? email : maskEmail(email)),
		address: r.address_enc === null ? null : sensitive ? o<string>('address') : '••••••',
		emergencyContact: contact && (sensitive ? contact : { name: contact.name, phone: maskPhone(contact.phone), ...(contact.relation ? { relation: contact.relation } : {}) }),
		occupation: r.occupation,
		referralSource: r.referral_source,
		preferredLanguage: r.preferred_language,
		governmentId: governmentId && (sensitive ? governmentId : maskGovernmentId(governmentId)),
		fitzpatrickType: r.fitzpatrick_type,
		skinConcerns: r.skin_concerns ?? [],
		allergies: sensitive ? (o<Allergy[]>('allergies') ?? []) : null,
		medications: sensitive ? (o<string[]>('medications') ?? []) : null,
		conditions: sensitive ? (o<string[]>('conditions') ?? []) : null,
		previousProcedures: sensitive ? (o<string[]>('previousProcedures') ?? []) : null,
		consents: { photography: r.consent_photography, marketing: r.consent_marketing, sms: r.consent_sms, email: r.consent_email, whatsapp: r.consent_whatsapp },
		registeredAt: { id: r.registered_at_branch_id, name: r.branch_name, code: r.branch_code },
		createdAt: new Date(r.created_at).toISOString(),
		updatedAt: new Date(r.updated_at).toISOString()
	};
}

export function toSummary(crypto: FieldCrypto, r: Pick<PatientRow, 'id' | 'mrn' | 'full_name' | 'preferred_name' | 'date_of_birth' | 'date_of_birth_estimated' | 'sex' | 'phone_enc' | 'version'>, sensitive: boolean): PatientSummary {
	const phone = open<string>(crypto, r.id, 'phone', r.phone_enc);
	return {
		id: r.id,
		mrn: r.mrn,
		fullName: r.full_name,
		preferredName: r.preferred_name,
		dateOfBirth: r.date_of_birth,
		dateOfBirthEstimated: r.date_of_birth_estimated,
		sex: r.sex,
		phone: phone && (sensitive ? phone : maskPhone(phone)),
		masked: !sensitive,
		version: r.version
	};
}

/** Normalised forms that the blind index is computed over. */
export const normaliseForIndex = {
	email: (v: string) => v.trim().toLowerCase(),
	governmentId: (v: GovernmentId) => `${v.type}:${v.number.replace(/[\s-]/g, '').toUpperCase()}`
};
