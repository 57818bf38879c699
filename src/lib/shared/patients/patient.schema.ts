import { z } from 'zod';
import { normalisePhone } from './phone.ts';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const FITZPATRICK_TYPES = [1, 2, 3, 4, 5, 6] as const;
export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'life-threatening'] as const;
export const GOVERNMENT_ID_TYPES = ['aadhaar', 'pan', 'passport', 'voter-id', 'driving-licence', 'other'] as const;
export const CONSENTS = ['photography', 'marketing', 'sms', 'email', 'whatsapp'] as const;
/** The fields stored encrypted (AES-256-GCM) and shown masked to roles without patients:read-sensitive. */
export const SENSITIVE_FIELDS = ['phone', 'email', 'address', 'emergencyContact', 'governmentId', 'allergies', 'medications', 'conditions', 'previousProcedures'] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

const optionalText = (max: number, key: string) => z.string({ error: key }).trim().max(max, key).nullable().optional().transform((v) => (v ? v : v === undefined ? undefined : null));

export const ZPhone = z
	.string({ error: 'patients.v.phone' })
	.trim()
	.max(40, 'patients.v.phone')
	.transform((value, ctx) => {
		const e164 = normalisePhone(value);
		if (!e164) {
			ctx.addIssue({ code: 'custom', message: 'patients.v.phone' });
			return z.NEVER;
		}
		return e164;
	});

const ZEmail = z.string({ error: 'patients.v.email' }).trim().toLowerCase().max(254, 'patients.v.email').pipe(z.email({ error: 'patients.v.email' }));

/** Today's date where the day has begun earliest (UTC+14), so a newborn registered just after local midnight is never "in the future". */
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/** A calendar date, not in the future and not before 1900. */
const ZDateOfBirth = z.iso
	.date({ error: 'patients.v.dateOfBirth' })
	.refine((d) => d >= '1900-01-01', { error: 'patients.v.dateOfBirthTooOld' })
	.refine((d) => d <= latestToday(), { error: 'patients.v.dateOfBirthFuture' });

export const ZAllergy = z
	.object({
		substance: z.string({ error: 'patients.v.allergySubstance' }).trim().min(1, 'patients.v.allergySubstance').max(120, 'patients.v.allergySubstance'),
		severity: z.enum(ALLERGY_SEVERITIES, { error: 'patients.v.allergySeverity' }),
		reaction: z.string().trim().max(200, 'validation.tooLong').optional()
	})
	.strict();
export type Allergy = z.infer<typeof ZAllergy>;

export const ZEmergencyContact = z
	.object({
		name: z.string({ error: 'patients.v.contactName' }).trim().min(1, 'patients.v.contactName').max(120, 'validation.tooLong'),
		phone: ZPhone,
		relation: z.string().trim().max(60, 'validation.tooLong').optional()
	})
	.strict();
export type EmergencyContact = z.infer<typeof ZEmergencyContact>;

export const ZGovernmentId = z
	.object({
		type: z.enum(GOVERNMENT_ID_TYPES, { error: 'patients.v.governmentIdType' }),
		number: z.string({ error: 'patients.v.governmentIdNumber' }).trim().min(4, 'patients.v.governmentIdNumber').max(40, 'patients.v.governmentIdNumber')
	})
	.strict();
export type GovernmentId = z.infer<typeof ZGovernmentId>;

const textList = (maxItems: number) => z.array(z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'), { error: 'patients.v.list' }).max(maxItems, 'validation.tooMany');

export const ZConsents = z
	.object(Object.fromEntries(CONSENTS.map((c) => [c, z.boolean({ error: 'patients.v.consent' }).optional()])) as Record<(typeof CONSENTS)[number], z.ZodOptional<z.ZodBoolean>>)
	.strict();
export type Consents = Record<(typeof CONSENTS)[number], boolean>;

/** Everything about a patient one may change after registration (all optional in an update). */
const editable = {
	fullName: z.string({ error: 'patients.v.fullName' }).trim().min(1, 'patients.v.fullName').max(200, 'patients.v.fullName'),
	preferredName: optionalText(120, 'validation.tooLong'),
	dateOfBirth: ZDateOfBirth.nullable().optional(),
	/** When the date of birth is not known: an age in years, stored as an estimated date. */
	estimatedAge: z.int({ error: 'patients.v.estimatedAge' }).min(0, 'patients.v.estimatedAge').max(130, 'patients.v.estimatedAge').optional(),
	sex: z.enum(SEXES, { error: 'patients.v.sex' }),
	phone: ZPhone.nullable().optional(),
	email: ZEmail.nullable().optional(),
	address: optionalText(500, 'validation.tooLong'),
	emergencyContact: ZEmergencyContact.nullable().optional(),
	occupation: optionalText(120, 'validation.tooLong'),
	referralSource: optionalText(120, 'validation.tooLong'),
	preferredLanguage: optionalText(40, 'validation.tooLong'),
	governmentId: ZGovernmentId.nullable().optional(),
	fitzpatrickType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)], { error: 'patients.v.fitzpatrick' }).nullable().optional(),
	skinConcerns: textList(20).optional(),
	allergies: z.array(ZAllergy, { error: 'patients.v.list' }).max(50, 'validation.tooMany').optional(),
	medications: textList(50).optional(),
	conditions: textList(50).optional(),
	previousProcedures: textList(50).optional(),
	consents: ZConsents.optional()
};

export const ZCreatePatientInput = z
	.object({ ...editable, phone: ZPhone, registeredAtBranchId: z.uuid({ error: 'patients.v.branch' }).optional() })
	.strict()
	.refine((v) => !(v.dateOfBirth && v.estimatedAge !== undefined), { path: ['estimatedAge'], error: 'patients.v.dobOrAge' });
export type CreatePatientInput = z.input<typeof ZCreatePatientInput>;

export const ZUpdatePatientInput = z
	.object(editable)
	.partial()
	.extend({ version: z.int({ error: 'patients.v.version' }).positive('patients.v.version') })
	.strict();
export type UpdatePatientInput = z.input<typeof ZUpdatePatientInput>;

export const ZSearchPatientsQuery = z
	.object({
		q: z.string().trim().max(100, 'validation.tooLong').default(''),
		page: z.coerce.number().int().min(1, 'validation.tooSmall').max(10_000, 'validation.tooBig').default(1),
		pageSize: z.coerce.number().int().min(1, 'validation.tooSmall').max(100, 'validation.tooBig').default(20)
	})
	.strict();

const ZBranchRef = z.object({ id: z.uuid(), name: z.string(), code: z.string() });

/** A patient as the reader may see them: sensitive fields masked (and lists hidden) without patients:read-sensitive. */
export const ZPatient = z.object({
	id: z.uuid(),
	mrn: z.string(),
	fullName: z.string(),
	preferredName: z.string().nullable(),
	dateOfBirth: z.iso.date().nullable(),
	dateOfBirthEstimated: z.boolean(),
	sex: z.enum(SEXES),
	phone: z.string().nullable(),
	email: z.string().nullable(),
	address: z.string().nullable(),
	emergencyContact: ZEmergencyContact.nullable(),
	occupation: z.string().nullable(),
	referralSource: z.string().nullable(),
	preferredLanguage: z.string().nullable(),
	governmentId: z.object({ type: z.enum(GOVERNMENT_ID_TYPES), number: z.string() }).nullable(),
	fitzpatrickType: z.int().min(1).max(6).nullable(),
	skinConcerns: z.array(z.string()),
	allergies: z.array(ZAllergy).nullable(),
	medications: z.array(z.string()).nullable(),
	conditions: z.array(z.string()).nullable(),
	previousProcedures: z.array(z.string()).nullable(),
	consents: z.object(Object.fromEntries(CONSENTS.map((c) => [c, z.boolean()])) as Record<(typeof CONSENTS)[number], z.ZodBoolean>),
	/** True when the reader lacks patients:read-sensitive: contact fields are masked and clinical lists null. */
	masked: z.boolean(),
	registeredAt: ZBranchRef,
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	version: z.int()
});
export type PatientDto = z.infer<typeof ZPatient>;

export const ZPatientSummary = ZPatient.pick({ id: true, mrn: true, fullName: true, preferredName: true, dateOfBirth: true, dateOfBirthEstimated: true, sex: true, phone: true, masked: true, version: true });
export type PatientSummary = z.infer<typeof ZPatientSummary>;

export const ZPatientPage = z.object({ items: z.array(ZPatientSummary), page: z.int(), pageSize: z.int(), hasMore: z.boolean(), matchedBy: z.enum(['name', 'phone', 'email', 'mrn', 'government-id', 'recent']) });
export type PatientPage = z.infer<typeof ZPatientPage>;

export const ZHistoryEntryInput = z
	.object({
		entryDate: z.iso
			.date({ error: 'patients.v.entryDate' })
			.refine((d) => d <= latestToday(), { error: 'patients.v.entryDateFuture' })
			.optional(),
		note: z.string({ error: 'patients.v.note' }).trim().min(1, 'patients.v.note').max(4000, 'validation.tooLong')
	})
	.strict();

export const ZHistoryEntry = z.object({ id: z.uuid(), entryDate: z.iso.date(), note: z.string().nullable(), author: z.object({ id: z.uuid(), name: z.string() }), createdAt: z.iso.datetime() });
export type HistoryEntry = z.infer<typeof ZHistoryEntry>;

/** What the duplicate check finds before saving: same phone, or a similar name with the same date of birth. */
export const ZDuplicateCandidates = z.object({ candidates: z.array(ZPatientSummary.extend({ reason: z.enum(['phone', 'name-and-birth-date']) })) });

/** What a patient may change themselves in the portal: how to reach them, and their consents. */
export const ZPortalUpdateInput = z
	.object({
		phone: ZPhone.optional(),
		email: ZEmail.nullable().optional(),
		address: editable.address,
		emergencyContact: editable.emergencyContact,
		preferredLanguage: editable.preferredLanguage,
		consents: ZConsents.optional(),
		version: z.int({ error: 'patients.v.version' }).positive('patients.v.version')
	})
	.strict();
export type PortalUpdateInput = z.input<typeof ZPortalUpdateInput>;

/** A patient's portal account as staff see it: never invited, a link is out, or in use. */
export const ZPortalStatus = z.object({ state: z.enum(['none', 'invited', 'active']), email: z.string().nullable() });
export type PortalStatus = z.infer<typeof ZPortalStatus>;
