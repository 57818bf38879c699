import type { MikroORM } from '@mikro-orm/postgresql';
import { canAnywhere, type Actor } from '../../../shared/access/actor.ts';
import { CONSENTS, type PatientDto } from '../../../shared/patients/patient.schema.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import type { SessionMeta } from '../../auth/session.service.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { toPatientDto, type PatientRow } from '../patient-codec.ts';
import { csvLine } from './csv.ts';

const PAGE = 500;

/**
 * The header names are the importer's own guesses, so an export opens in a spreadsheet and also
 * imports into another SkinSpire hospital as it is (the MRN becomes the source id there).
 */
const HEADER = [
	'mrn',
	'full_name',
	'preferred_name',
	'date_of_birth',
	'date_of_birth_estimated',
	'sex',
	'phone',
	'email',
	'address',
	'occupation',
	'referral_source',
	'preferred_language',
	'fitzpatrick_type',
	'skin_concerns',
	'allergies',
	'medications',
	'conditions',
	'previous_procedures',
	...CONSENTS.map((c) => `consent_${c}`),
	'registered_at',
	'source_system',
	'source_id',
	'created_at'
];

function line(p: PatientDto, source: { source_system: string | null; source_id: string | null }): string {
	const list = (items: string[] | null) => (items ?? []).join('; ');
	return csvLine([
		p.mrn,
		p.fullName,
		p.preferredName,
		p.dateOfBirth,
		p.dateOfBirthEstimated,
		p.sex,
		p.phone,
		p.email,
		p.address,
		p.occupation,
		p.referralSource,
		p.preferredLanguage,
		p.fitzpatrickType,
		list(p.skinConcerns),
		(p.allergies ?? []).map((a) => `${a.substance}: ${a.severity}`).join('; '),
		list(p.medications),
		list(p.conditions),
		list(p.previousProcedures),
		...CONSENTS.map((c) => p.consents[c]),
		p.registeredAt.code,
		source.source_system,
		source.source_id,
		p.createdAt
	]);
}

/**
 * Every patient of the hospital as CSV, streamed page by page (by MRN), as this reader may see
 * them: without patients:read-sensitive, contact details are masked and clinical lists left
 * empty, exactly as on screen. The export is audited before the first byte leaves, with the
 * number of rows and never their content.
 */
export async function exportPatientsCsv(orm: MikroORM, crypto: FieldCrypto, actor: Actor, meta: SessionMeta = {}): Promise<{ rows: number; body: ReadableStream<Uint8Array> }> {
	if (!canAnywhere(actor, 'patients:export')) throw new DomainError('FORBIDDEN');
	const sensitive = canAnywhere(actor, 'patients:read-sensitive');
	const branches = new Map(
		(await orm.em.fork().execute<{ id: string; name: string; code: string }[]>('select id, name, code from branch where hospital_id = ?', [actor.hospitalId])).map((b) => [b.id, b])
	);
	const { rows, asOf } = await orm.em.fork().transactional(async (em) => {
		const [count] = await em.execute<{ n: number; as_of: Date }[]>('select count(*)::int as n, now() as as_of from patient where hospital_id = ?', [actor.hospitalId]);
		await appendAudit(em, {
			hospitalId: actor.hospitalId,
			actorUserId: actor.userId,
			actorLabel: actor.name,
			action: 'patients.exported',
			targetType: 'patient',
			after: { rows: count!.n, masked: !sensitive },
			ip: meta.ip,
			userAgent: meta.userAgent
		});
		return { rows: count!.n, asOf: count!.as_of };
	});

	const encoder = new TextEncoder();
	let after = '';
	let first = true;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				// A BOM, so spreadsheets read names in Devanagari (or with accents) as UTF-8.
				if (first) {
					first = false;
					controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
					return;
				}
				// Only patients counted in the audit row: anyone registered since waits for the next export.
				// Keyset pages along the (hospital, MRN) index; branch names come from the map, not a join.
				const page = await orm.em
					.fork()
					.execute<(Omit<PatientRow, 'branch_name' | 'branch_code'> & { source_system: string | null; source_id: string | null })[]>(
						`select p.*, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth from patient p
						 where p.hospital_id = ? and p.created_at <= ? and p.mrn > ? order by p.hospital_id, p.mrn limit ?`,
						[actor.hospitalId, asOf, after, PAGE]
					);
				if (!page.length) {
					controller.close();
					return;
				}
				after = page[page.length - 1]!.mrn;
				const text = page
					.map((r) => {
						const branch = branches.get(r.registered_at_branch_id);
						return line(toPatientDto(crypto, { ...r, branch_name: branch?.name ?? '', branch_code: branch?.code ?? '' }, sensitive), r);
					})
					.join('');
				controller.enqueue(encoder.encode(text));
			} catch (e) {
				controller.error(e);
			}
		}
	});
	return { rows, body };
}
