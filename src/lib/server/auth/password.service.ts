import type { Actor } from '../../shared/access/actor.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { ZChangePasswordInput, ZResetCompleteInput, ZResetRequestInput } from '../../shared/passwords/password.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { asLocale, DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { msg, translate } from '../../shared/i18n/translate.ts';
import type { Mailer } from '../mail/mailer.ts';
import { CONTROL, OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import { consumeOrRefuse, type RateLimits } from './rate-limits.ts';
import { generateSessionToken, hashSecret } from './session-token.ts';
import type { SessionMeta, SessionService } from './session.service.ts';

export const RESET_MINUTES = 30;

export function createPasswordService(deps: ServiceDeps & { mailer: Mailer; sessions: SessionService; rateLimits: RateLimits }) {
	const { orm, config, logger, mailer, sessions, rateLimits, afterCommit } = deps;

	function refuseWeak(password: string, context: string[]) {
		const problem = passwordProblem(password, context);
		if (problem) throw new DomainError('VALIDATION_FAILED', problem, { fields: { newPassword: [problem], password: [problem] } });
	}

	return {
		/**
		 * Change my password (the current one is asked again). This session gets a new token; the
		 * others end too when asked. Returns the new token.
		 */
		async change(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<{ token: string; expiresAt: Date; endedOthers: number }> {
			const data = parseInput(ZChangePasswordInput, input);
			const em = orm.em.fork();
			const [user] = await em.execute<{ password_hash: string | null }[]>('select password_hash from app_user where id = ?', [actor.userId]);
			if (!user?.password_hash || !(await verifyPassword(user.password_hash, data.currentPassword))) {
				throw new DomainError('VALIDATION_FAILED', msg('errors.passwords.currentWrong'), { fields: { currentPassword: [msg('errors.passwords.currentWrong')] } });
			}
			refuseWeak(data.newPassword, [actor.hospitalName, actor.name, actor.email, 'skinspire']);
			if (await verifyPassword(user.password_hash, data.newPassword)) {
				throw new DomainError('VALIDATION_FAILED', msg('errors.passwords.sameAsCurrent'), { fields: { newPassword: [msg('errors.passwords.chooseDifferent')] } });
			}
			const outbox = new OutboxBatch();
			const result = await em.transactional(async (tx) => {
				await tx.execute('update app_user set password_hash = ?, version = version + 1 where id = ?', [await hashPassword(data.newPassword), actor.userId], 'run');
				const ended = await tx.execute<{ id: string }[]>(
					`delete from session where user_id = ? and (id = ? or ?) returning id`,
					[actor.userId, actor.sessionId, data.endOtherSessions]
				);
				for (const s of ended) if (s.id !== actor.sessionId) await outbox.control(tx, rooms.session(s.id), CONTROL.disconnectSession);
				const created = await sessions.create(tx, { id: actor.userId, hospitalId: actor.hospitalId }, meta);
				await appendAudit(tx, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'auth.password_changed',
					targetType: 'user',
					targetId: actor.userId,
					after: { otherSessionsEnded: ended.length - 1 },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return { token: created.token, expiresAt: created.expiresAt, endedOthers: Math.max(0, ended.length - 1) };
			});
			afterCommit(outbox);
			return result;
		},

		/**
		 * Email a reset link if the address belongs to an active account. The answer is the same
		 * either way, and the mail goes out after answering, so timing does not tell either. The
		 * mail speaks the account's chosen language, else `locale` (the language of the request).
		 */
		async requestReset(input: unknown, meta: SessionMeta = {}, locale: Locale = DEFAULT_LOCALE): Promise<void> {
			const { email } = parseInput(ZResetRequestInput, input);
			await consumeOrRefuse(rateLimits.reset, meta.ip ?? 'unknown');
			const { token } = generateSessionToken();
			const user = await orm.em.fork().transactional(async (em) => {
				const [u] = await em.execute<{ id: string; name: string; hospital_id: string; language: string | null }[]>(
					'select id, name, hospital_id, language from app_user where email = ? and active and password_hash is not null',
					[email]
				);
				if (!u) return null;
				await em.execute('update password_reset set used_at = now() where user_id = ? and used_at is null', [u.id], 'run');
				await em.execute(
					`insert into password_reset (id, user_id, token_hash, created_at, expires_at) values (gen_random_uuid(), ?, ?, now(), now() + (? * interval '1 minute'))`,
					[u.id, hashSecret(token), RESET_MINUTES],
					'run'
				);
				await appendAudit(em, {
					hospitalId: u.hospital_id,
					actorUserId: u.id,
					actorLabel: u.name,
					action: 'auth.password_reset_requested',
					targetType: 'user',
					targetId: u.id,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return u;
			});
			if (!user) return;
			const language = user.language ? asLocale(user.language) : locale;
			void mailer
				.send({
					to: email,
					subject: translate(language, 'mail.passwordReset.subject'),
					text: translate(language, 'mail.passwordReset.body', { name: user.name, minutes: RESET_MINUTES, link: `${config.origin}/reset/${token}` })
				})
				.catch((e: unknown) => logger.error({ err: e, userId: user.id }, 'could not send the password reset mail'));
		},

		/**
		 * Set a new password from a reset link. Every session of the account ends; the person then
		 * signs in as usual, second factor included (a reset never bypasses MFA).
		 */
		async completeReset(input: unknown, meta: SessionMeta = {}): Promise<void> {
			const data = parseInput(ZResetCompleteInput, input);
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				const [r] = await em.execute<{ id: string; user_id: string; name: string; email: string; hospital_id: string; hospital_name: string }[]>(
					`select r.id, r.user_id, u.name, u.email, u.hospital_id, h.name as hospital_name from password_reset r
					 join app_user u on u.id = r.user_id join hospital h on h.id = u.hospital_id
					 where r.token_hash = ? and r.used_at is null and r.expires_at > now() and u.active for update of r`,
					[hashSecret(data.token)]
				);
				if (!r) throw new DomainError('NOT_FOUND', msg('errors.passwords.resetLinkInvalid'));
				refuseWeak(data.password, [r.hospital_name, r.name, r.email, 'skinspire']);
				await em.execute('update app_user set password_hash = ?, failed_attempts = 0, locked_until = null, version = version + 1 where id = ?', [await hashPassword(data.password), r.user_id], 'run');
				await em.execute('update password_reset set used_at = now() where id = ?', [r.id], 'run');
				const ended = await em.execute<{ id: string }[]>('delete from session where user_id = ? returning id', [r.user_id]);
				for (const s of ended) await outbox.control(em, rooms.session(s.id), CONTROL.disconnectSession);
				await appendAudit(em, {
					hospitalId: r.hospital_id,
					actorUserId: r.user_id,
					actorLabel: r.name,
					action: 'auth.password_reset',
					targetType: 'user',
					targetId: r.user_id,
					after: { sessionsEnded: ended.length },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
			});
			afterCommit(outbox);
		},

		/** Whether a reset link is still good (to show the form or an explanation). */
		async resetIsValid(token: string): Promise<boolean> {
			const [r] = await orm.em.fork().execute('select 1 from password_reset where token_hash = ? and used_at is null and expires_at > now()', [hashSecret(token)]);
			return !!r;
		}
	};
}

export type PasswordService = ReturnType<typeof createPasswordService>;
