import { createHmac } from 'node:crypto';
import { ZLoginInput, type MeDto, type UserDto } from '../../shared/auth/auth.schema.ts';
import type { Actor } from '../../shared/access/actor.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import type { SessionMeta, SessionService } from './session.service.ts';
import { appendAudit } from '../audit/audit.service.ts';

export function createAuthService(deps: ServiceDeps & { appSecret: string }, sessions: SessionService) {
	const { orm, logger, appSecret } = deps;
	/** Lets an operator see repeated failures against one address without the address being logged. */
	const pseudonym = (email: string) => createHmac('sha256', appSecret).update(email).digest('hex').slice(0, 16);
	return {
		/**
		 * Check the credentials and start a new session (always a new token, never a reused one).
		 * Unknown email, wrong password and deactivated account give the same error after the same work.
		 */
		async login(input: unknown, meta: SessionMeta): Promise<{ token: string; expiresAt: Date; user: UserDto }> {
			const { email, password } = parseInput(ZLoginInput, input);
			const em = orm.em.fork();
			const users = await em.execute<{ id: string; hospital_id: string; name: string; email: string; password_hash: string; active: boolean }[]>(
				'select id, hospital_id, name, email, password_hash, active from app_user where email = ?',
				[email]
			);
			const user = users[0];
			const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
			if (!user || !ok || !user.active) {
				logger.info({ event: 'auth.login_failed', userId: user?.id, emailPseudonym: pseudonym(email) }, 'sign-in refused');
				await em.transactional((tx) =>
					appendAudit(tx, {
						hospitalId: user?.hospital_id ?? null,
						actorUserId: user?.id ?? null,
						// An unknown address is not written down; its pseudonym links repeated attempts.
						actorLabel: user ? user.name : `unknown account ${pseudonym(email)}`,
						action: 'auth.login_failed',
						targetType: user ? 'user' : null,
						targetId: user?.id ?? null,
						after: { reason: !user ? 'unknown-account' : !user.active ? 'deactivated' : 'wrong-password' },
						ip: meta.ip,
						userAgent: meta.userAgent
					})
				);
				throw new DomainError('INVALID_CREDENTIALS');
			}
			const session = await em.transactional(async (tx) => {
				if (needsRehash(user.password_hash)) {
					await tx.execute('update app_user set password_hash = ? where id = ?', [await hashPassword(password), user.id], 'run');
				}
				const created = await sessions.create(tx, { id: user.id, hospitalId: user.hospital_id }, meta);
				await appendAudit(tx, {
					hospitalId: user.hospital_id,
					actorUserId: user.id,
					actorLabel: user.name,
					action: 'auth.login',
					targetType: 'session',
					targetId: created.sessionId,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return created;
			});
			logger.info({ event: 'auth.login', userId: user.id }, 'signed in');
			return { token: session.token, expiresAt: session.expiresAt, user: { id: user.id, name: user.name, email: user.email } };
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
