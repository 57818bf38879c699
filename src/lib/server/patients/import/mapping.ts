import { IMPORT_FIELDS, type ImportField } from '../../../shared/patients/patient-import.schema.ts';

/**
 * The header's cells as column names a mapping can refer to: trimmed, an empty one named by its
 * position (`#3`), and a repeated one numbered (`Phone (2)`), so every column has its own name.
 */
export function columnNames(header: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return header.map((raw, i) => {
		const base = raw.trim().slice(0, 120) || `#${i + 1}`;
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return n === 1 ? base : `${base} (${n})`;
	});
}

/** Lower-case letters and digits only: "Date of Birth", "date_of_birth" and "DOB." compare alike. */
export function normaliseHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/\(\d+\)$/, '')
		.replace(/[^a-z0-9\p{Script=Devanagari}]+/gu, '');
}

/** Header names (normalised) that old clinic systems and spreadsheets use for each field. */
const SYNONYMS: Record<ImportField, string[]> = {
	sourceId: ['sourceid', 'id', 'patientid', 'legacyid', 'oldid', 'recordid', 'externalid', 'uhid', 'mrn', 'mrno', 'uhidno', 'regno', 'registrationno', 'registrationnumber', 'patientno', 'patientnumber', 'patientcode', 'code', 'fileno', 'casenumber', 'caseno'],
	fullName: ['fullname', 'name', 'patientname', 'patient', 'nameofpatient', 'patientfullname', 'नाम'],
	firstName: ['firstname', 'givenname', 'forename', 'fname'],
	middleName: ['middlename', 'mname'],
	lastName: ['lastname', 'surname', 'familyname', 'lname'],
	preferredName: ['preferredname', 'nickname', 'knownas', 'callname'],
	dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'bdate', 'dateofbirthddmmyyyy', 'dobddmmyyyy', 'जन्मतिथि'],
	estimatedAge: ['age', 'ageyears', 'ageinyears', 'years', 'आयु', 'उम्र'],
	sex: ['sex', 'gender', 'mf', 'लिंग'],
	phone: ['phone', 'mobile', 'mobileno', 'mobilenumber', 'phoneno', 'phonenumber', 'contact', 'contactno', 'contactnumber', 'cell', 'cellphone', 'telephone', 'tel', 'whatsapp', 'whatsappno', 'primaryphone', 'मोबाइल', 'फोन'],
	email: ['email', 'emailid', 'emailaddress', 'mail', 'eml'],
	address: ['address', 'addr', 'residentialaddress', 'homeaddress', 'postaladdress', 'पता'],
	occupation: ['occupation', 'profession', 'job', 'work'],
	referralSource: ['referralsource', 'referral', 'referredby', 'reference', 'howdidyouhearaboutus', 'leadsource'],
	preferredLanguage: ['preferredlanguage', 'language', 'lang', 'motherlanguage', 'mothertongue'],
	fitzpatrickType: ['fitzpatricktype', 'fitzpatrick', 'fitzpatrickskintype', 'skintype', 'fitz', 'phototype'],
	skinConcerns: ['skinconcerns', 'concerns', 'concern', 'chiefcomplaint', 'complaint', 'complaints', 'presentingcomplaint'],
	allergies: ['allergies', 'allergy', 'knownallergies', 'drugallergies', 'drugallergy'],
	medications: ['medications', 'medication', 'currentmedications', 'medicines', 'drugs', 'currentmedicines'],
	conditions: ['conditions', 'medicalconditions', 'medicalhistory', 'pastmedicalhistory', 'pmh', 'comorbidities', 'illnesses'],
	previousProcedures: ['previousprocedures', 'procedures', 'pastprocedures', 'pasttreatments', 'previoustreatments', 'treatmenthistory']
};

const BY_SYNONYM = new Map<string, ImportField>(IMPORT_FIELDS.flatMap((f) => SYNONYMS[f].map((s) => [s, f] as const)));

/**
 * A first guess at which column fills which field, from the header names. Each field is taken
 * once, by the first column that names it; a column nothing matches is left out (not imported).
 */
export function guessMapping(columns: readonly string[]): Record<string, ImportField> {
	const mapping: Record<string, ImportField> = {};
	const taken = new Set<ImportField>();
	for (const column of columns) {
		const field = BY_SYNONYM.get(normaliseHeader(column));
		if (field && !taken.has(field)) {
			mapping[column] = field;
			taken.add(field);
		}
	}
	// A file with first and last names but no single name column: those two make the name.
	if (taken.has('fullName') && (taken.has('firstName') || taken.has('lastName'))) {
		for (const [column, field] of Object.entries(mapping)) if (field === 'firstName' || field === 'middleName' || field === 'lastName') delete mapping[column];
	}
	return mapping;
}

/** Fields that no column fills although a row needs them: the source id, and a name (full, or first). */
export function missingRequired(mapping: Record<string, ImportField>): ImportField[] {
	const fields = new Set(Object.values(mapping));
	const missing: ImportField[] = [];
	if (!fields.has('sourceId')) missing.push('sourceId');
	if (!fields.has('fullName') && !fields.has('firstName')) missing.push('fullName');
	return missing;
}

/** Fields two columns claim at once, which a mapping may not do. */
export function fieldsTakenTwice(mapping: Record<string, ImportField>): ImportField[] {
	const count = new Map<ImportField, number>();
	for (const f of Object.values(mapping)) count.set(f, (count.get(f) ?? 0) + 1);
	return [...count].filter(([, n]) => n > 1).map(([f]) => f);
}
