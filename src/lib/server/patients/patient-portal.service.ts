import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/access/actor.ts';
import { canAnywhere } from '../../shared/access/actor.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { msg, translate } from '../../shared/i18n/translate.ts';
import { ZPortalUpdateInput, type PatientDto, type PortalStatus } from '../../shared/patients/patient.schema.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { INVITATION_HOURS, issueInvitation } from '../users/invitation.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import { OutboxBatch, type PayloadSealer } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { open, PATIENT_SELECT, toPatientDto, type PatientRow } from './patient-codec.ts';
import { encryptedColumns, plainColumns } from './patient.service.ts';
import { isUuid } from '../../shared/ids.ts';


/**
 * Patients' own accounts. A portal account is an app_user with `patient_id` set and no roles:
 * deny-by-default keeps it out of every staff page and endpoint, and the `patient` access rule
 * lets it reach its own record only. Staff invite by email (single-use link, 72 hours).
 */
export function createPatientPortalService({ orm, config, afterCommit, crypto, sealer, mailer }: ServiceDeps & { crypto: FieldCrypto; sealer: PayloadSealer; mailer: Mailer }) {
	async function patientRow(hospitalId: string, patientId: string, lock = false): Promise<PatientRow> {
		if (!isUuid(patientId)) throw new DomainError('NOT_FOUND', msg('patients.errors.notFound'));
		const [row] = await orm.em.fork().execute<PatientRow[]>(`${PATIENT_SELECT} where p.id = ? and p.hospital_id = ?${lock ? ' for update of p' : ''}`, [patientId, hospitalId]);
		if (!row) throw new DomainError('NOT_FOUND', msg('patients.errors.notFound'));
		return row;
	}

	return {
		async status(actor: Actor, patientId: string): Promise<PortalStatus> {
			if (!canAnywhere(actor, 'patients:read')) throw new DomainError('FORBIDDEN');
			await patientRow(actor.hospitalId, patientId);
			const [user] = await orm.em.fork().execute<{ email: string; password_hash: string | null }[]>('select email, password_hash from app_user where patient_id = ? and hospital_id = ?', [
				patientId,
				actor.hospitalId
			]);
			if (!user) return { state: 'none', email: null };
			return { state: user.password_hash ? 'active' : 'invited', email: canAnywhere(actor, 'patients:read-sensitive') ? user.email : null };
		},

		/** Invite (or invite again) the patient to the portal at the email on their record. */
		async invite(actor: Actor, patientId: string, meta: SessionMeta = {}, locale: Locale = actor.language ?? DEFAULT_LOCALE): Promise<PortalStatus> {
			if (!canAnywhere(actor, 'patients:write')) throw new DomainError('FORBIDDEN');
			const row = await patientRow(actor.hospitalId, patientId);
			const email = open<string>(crypto, row.id, 'email', row.email_enc);
			if (!email) throw new DomainError('UNPROCESSABLE', msg('portal.errors.noEmail'), { fields: { email: [msg('portal.errors.noEmail')] } });
			const token = await orm.em.fork().transactional(async (em) => {
				const [existing] = await em.execute<{ id: string; patient_id: string | null; password_hash: string | null; email: string }[]>(
					'select id, patient_id, password_hash, email from app_user where patient_id = ? or email = ? for update',
					[patientId, email]
				);
				let userId: string;
				if (existing && existing.patient_id !== patientId) {
					// The address signs someone else in (a colleague, or another patient): never attach it here.
					throw new DomainError('UNPROCESSABLE', msg('portal.errors.emailTaken'), { fields: { email: [msg('portal.errors.emailTaken')] } });
				} else if (existing?.password_hash) {
					throw new DomainError('UNPROCESSABLE', msg('portal.errors.alreadyActive'));
				} else if (existing) {
					userId = existing.id;
					await em.execute('update app_user set email = ?, name = ? where id = ?', [email, row.full_name, userId], 'run');
				} else {
					userId = randomUUID();
					await em.execute(
						`insert into app_user (id, hospital_id, name, email, password_hash, active, patient_id, language, created_at, version)
						 values (?, ?, ?, ?, null, true, ?, ?, now(), 1)`,
						[userId, actor.hospitalId, row.full_name, email, patientId, locale],
						'run'
					);
				}
				const issued = await issueInvitation(em, { hospitalId: actor.hospitalId, userId, createdBy: actor.userId });
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'patient.portal_invited',
					targetType: 'patient',
					targetId: patientId,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return issued;
			});
			await mailer.send({
				to: email,
				subject: translate(locale, 'mail.portalInvitation.subject', { hospital: actor.hospitalName }),
				text: translate(locale, 'mail.portalInvitation.body', { name: row.full_name, hospital: actor.hospitalName, hours: INVITATION_HOURS, link: `${config.origin}/invite/${token}` })
			});
			return { state: 'invited', email };
		},

		/** The signed-in patient's own record, in full: it is theirs. */
		async own(actor: Actor): Promise<PatientDto> {
			if (!actor.patientId) throw new DomainError('NOT_FOUND');
			return toPatientDto(crypto, await patientRow(actor.hospitalId, actor.patientId), true);
		},

		/** Contact details and consents, changed by the patient; audited, and open charts update live. */
		async updateOwn(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<PatientDto> {
			if (!actor.patientId) throw new DomainError('NOT_FOUND');
			const patientId = actor.patientId;
			const data = parseInput(ZPortalUpdateInput, input);
			const outbox = new OutboxBatch();
			const after = await orm.em.fork().transactional(async (em) => {
				const [before] = await em.execute<PatientRow[]>(`${PATIENT_SELECT} where p.id = ? and p.hospital_id = ? for update of p`, [patientId, actor.hospitalId]);
				if (!before) throw new DomainError('NOT_FOUND');
				if (before.version !== data.version) {
					throw new DomainError('STALE_VERSION', msg('portal.errors.stale'), { details: { current: toPatientDto(crypto, before, true) } });
				}
				const { version: _version, ...changes } = data;
				const columns = { ...plainColumns(changes), ...encryptedColumns(crypto, patientId, changes) };
				const names = Object.keys(columns);
				if (!names.length) return before;
				await em.execute(`update patient set ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = now(), version = version + 1 where id = ?`, [...Object.values(columns), patientId], 'run');
				const [row] = await em.execute<PatientRow[]>(`${PATIENT_SELECT} where p.id = ?`, [patientId]);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'patient.self_updated',
					targetType: 'patient',
					targetId: patientId,
					before: { version: before.version, consents: toPatientDto(crypto, before, false).consents },
					after: { version: row!.version, fields: Object.keys(changes), consents: toPatientDto(crypto, row!, false).consents },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				for (const sensitive of [true, false]) {
					const patient = toPatientDto(crypto, row!, sensitive);
					await outbox.broadcastSealed(em, sealer, rooms.patient(patientId, sensitive), 'patient.changed', { patient, version: patient.version, by: { id: actor.userId, name: actor.name } });
				}
				return row!;
			});
			afterCommit(outbox);
			return toPatientDto(crypto, after, true);
		}
	};
}

export type PatientPortalService = ReturnType<typeof createPatientPortalService>;
