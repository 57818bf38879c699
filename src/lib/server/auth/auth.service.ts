import { createHmac } from 'node:crypto';
import { ZLoginInput, type MeDto, type UserDto } from '../../shared/auth/auth.schema.ts';
import type { Actor } from '../../shared/access/actor.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import type { SessionMeta, SessionService } from './session.service.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { consumeOrRefuse, type RateLimits } from './rate-limits.ts';

export const LOCK_AFTER_FAILURES = 10;
export const FIRST_LOCK_MINUTES = 15;

interface LoginRow {
	id: string;
	hospital_id: string;
	name: string;
	email: string;
	password_hash: string;
	active: boolean;
	failed_attempts: number;
	locked_until: Date | null;
	lock_count: number;
}

function revocation(actor: Actor, meta: SessionMeta, scope: string) {
	return {
		hospitalId: actor.hospitalId,
		actorUserId: actor.userId,
		actorLabel: actor.name,
		action: 'session.revoked',
		targetType: 'session',
		after: { scope },
		ip: meta.ip,
		userAgent: meta.userAgent
	};
}

function lockedError(until: Date): DomainError {
	const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
	// `count` picks the singular or plural sentence for the reader's language.
	return new DomainError('ACCOUNT_LOCKED', msg('errors.auth.locked', { count: minutes }), { details: { lockedUntil: until.toISOString() } });
}

export function createAuthService(deps: ServiceDeps & { appSecret: string; rateLimits: RateLimits }, sessions: SessionService) {
	const { orm, logger, appSecret, rateLimits } = deps;
	/** Lets an operator see repeated failures against one address without the address being logged. */
	const pseudonym = (email: string) => createHmac('sha256', appSecret).update(email).digest('hex').slice(0, 16);
	return {
		/**
		 * Check the credentials and start a new session (always a new token, never a reused one).
		 * Unknown email, wrong password and deactivated account give the same error after the same work.
		 */
		/**
		 * With a second factor set up, the session returned can do nothing but complete MFA
		 * (`mfaRequired: true`); MfaService.completeChallenge swaps it for a full one.
		 */
		async login(input: unknown, meta: SessionMeta): Promise<{ token: string; expiresAt: Date; user: UserDto; mfaRequired: boolean }> {
			const { email, password } = parseInput(ZLoginInput, input);
			await consumeOrRefuse(rateLimits.signIn, meta.ip ?? 'unknown');
			const em = orm.em.fork();
			const users = await em.execute<LoginRow[]>(
				'select id, hospital_id, name, email, password_hash, active, failed_attempts, locked_until, lock_count from app_user where email = ?',
				[email]
			);
			const user = users[0];
			// Always verify a hash, so an unknown or locked account answers in the same time.
			const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
			const audit = (tx: typeof em, action: string, after?: unknown) =>
				appendAudit(tx, {
					hospitalId: user?.hospital_id ?? null,
					actorUserId: user?.id ?? null,
					// An unknown address is not written down; its pseudonym links repeated attempts.
					actorLabel: user ? user.name : `unknown account ${pseudonym(email)}`,
					action,
					targetType: user ? 'user' : null,
					targetId: user?.id ?? null,
					after,
					ip: meta.ip,
					userAgent: meta.userAgent
				});

			if (user?.locked_until && new Date(user.locked_until) > new Date()) {
				await em.transactional((tx) => audit(tx, 'auth.login_refused_locked'));
				throw lockedError(new Date(user.locked_until));
			}
			if (!user || !ok || !user.active) {
				logger.info({ event: 'auth.login_failed', userId: user?.id, emailPseudonym: pseudonym(email) }, 'sign-in refused');
				const lockedUntil = await em.transactional(async (tx) => {
					await audit(tx, 'auth.login_failed', { reason: !user ? 'unknown-account' : !user.active ? 'deactivated' : 'wrong-password' });
					if (!user || !user.active) return null;
					// Count consecutive failures; the tenth locks the account, each lock twice as long as the last.
					const [row] = await tx.execute<{ locked_until: Date | null; lock_count: number }[]>(
						`update app_user set
						   failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end,
						   locked_until = case when failed_attempts + 1 >= ? then now() + (? * power(2, least(lock_count, 8)) * interval '1 minute') else locked_until end,
						   lock_count = case when failed_attempts + 1 >= ? then lock_count + 1 else lock_count end
						 where id = ? returning locked_until, lock_count`,
						[LOCK_AFTER_FAILURES, LOCK_AFTER_FAILURES, FIRST_LOCK_MINUTES, LOCK_AFTER_FAILURES, user.id]
					);
					if (row?.locked_until && new Date(row.locked_until) > new Date()) {
						await audit(tx, 'auth.locked', { until: new Date(row.locked_until).toISOString(), lockNumber: row.lock_count });
						return new Date(row.locked_until);
					}
					return null;
				});
				if (lockedUntil) throw lockedError(lockedUntil);
				throw new DomainError('INVALID_CREDENTIALS');
			}
			const session = await em.transactional(async (tx) => {
				await tx.execute('update app_user set failed_attempts = 0, lock_count = 0, locked_until = null where id = ?', [user.id], 'run');
				if (needsRehash(user.password_hash)) {
					await tx.execute('update app_user set password_hash = ? where id = ?', [await hashPassword(password), user.id], 'run');
				}
				const [totp] = await tx.execute('select 1 from mfa_totp where user_id = ? and confirmed_at is not null', [user.id]);
				const created = await sessions.create(tx, { id: user.id, hospitalId: user.hospital_id }, meta, { mfaPending: !!totp });
				await appendAudit(tx, {
					hospitalId: user.hospital_id,
					actorUserId: user.id,
					actorLabel: user.name,
					action: totp ? 'auth.login_password_ok' : 'auth.login',
					targetType: 'session',
					targetId: created.sessionId,
					after: totp ? { secondFactor: 'owed' } : undefined,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return { ...created, mfaRequired: !!totp };
			});
			logger.info({ event: 'auth.login', userId: user.id, mfaRequired: session.mfaRequired }, 'signed in');
			return { token: session.token, expiresAt: session.expiresAt, user: { id: user.id, name: user.name, email: user.email }, mfaRequired: session.mfaRequired };
		},

		async logout(actor: Actor, meta: SessionMeta = {}): Promise<void> {
			await sessions.invalidate(actor.sessionId, {
				hospitalId: actor.hospitalId,
				actorUserId: actor.userId,
				actorLabel: actor.name,
				action: 'auth.logout',
				targetType: 'session',
				targetId: actor.sessionId,
				ip: meta.ip,
				userAgent: meta.userAgent
			});
			logger.info({ event: 'auth.logout', userId: actor.userId }, 'signed out');
		},

		/** End one of my sessions (this one included: that is signing out here). */
		async revokeOwnSession(actor: Actor, sessionId: string, meta: SessionMeta = {}): Promise<void> {
			const ended = await sessions.revokeWhere(actor.userId, actor.hospitalId, { only: sessionId }, revocation(actor, meta, 'own'));
			if (!ended) throw new DomainError('NOT_FOUND', msg('errors.sessions.notFound'));
		},

		/** "Sign out everywhere else". */
		async revokeOtherSessions(actor: Actor, meta: SessionMeta = {}): Promise<number> {
			return sessions.revokeWhere(actor.userId, actor.hospitalId, { except: actor.sessionId }, revocation(actor, meta, 'own-others'));
		},

		me(actor: Actor): MeDto {
			return {
				user: { id: actor.userId, name: actor.name, email: actor.email },
				hospital: { id: actor.hospitalId, name: actor.hospitalName },
				branches: actor.branches.map((b) => ({ id: b.id, name: b.name, code: b.code, timeZone: b.timeZone, roles: b.roles, permissions: b.permissions })),
				hospitalPermissions: actor.hospitalPermissions
			};
		}
	};
}

export type AuthService = ReturnType<typeof createAuthService>;
