import { createTOTPKeyURI } from '@oslojs/otp';
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createHash, getRandomValues } from 'node:crypto';
import QRCode from 'qrcode';
import type { Actor } from '../../shared/access/actor.ts';
import { ZMfaCodeInput, ZPasswordConfirmInput, type MfaStatus, type TotpSetup } from '../../shared/mfa/mfa.schema.ts';
import type { UserDto } from '../../shared/auth/auth.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { verifyPassword } from '../auth/password.ts';
import type { SessionMeta, SessionService } from '../auth/session.service.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { consumeOrRefuse, type RateLimits } from '../auth/rate-limits.ts';
import { matchTotp, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from './totp.ts';

export const MAX_CHALLENGE_ATTEMPTS = 5;
const RECOVERY_CODES = 10;

const sha256 = (s: string) => createHash('sha256').update(s.toLowerCase()).digest('hex');

export function createMfaService(deps: ServiceDeps & { box: SecretBox; sessions: SessionService; rateLimits: RateLimits; now?: () => number }) {
	const { orm, box, sessions, rateLimits } = deps;
	const now = deps.now ?? Date.now;

	async function confirmPassword(actor: Actor, input: unknown): Promise<void> {
		const { password } = parseInput(ZPasswordConfirmInput, input);
		const [row] = await orm.em.fork().execute<{ password_hash: string | null }[]>('select password_hash from app_user where id = ?', [actor.userId]);
		if (!row?.password_hash || !(await verifyPassword(row.password_hash, password))) {
			throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.passwordWrong'), { fields: { password: [msg('errors.mfa.passwordWrong')] } });
		}
	}

	function audit(actor: { hospitalId: string; userId: string; name: string }, action: string, meta: SessionMeta, after?: unknown) {
		return { hospitalId: actor.hospitalId, actorUserId: actor.userId, actorLabel: actor.name, action, targetType: 'user', targetId: actor.userId, after, ip: meta.ip, userAgent: meta.userAgent };
	}

	async function newRecoveryCodes(em: ReturnType<typeof orm.em.fork>, userId: string): Promise<string[]> {
		await em.execute('delete from mfa_recovery_code where user_id = ?', [userId], 'run');
		const codes = Array.from({ length: RECOVERY_CODES }, () => encodeBase32LowerCaseNoPadding(getRandomValues(new Uint8Array(7))).slice(0, 10));
		for (const code of codes) {
			await em.execute('insert into mfa_recovery_code (id, user_id, code_hash) values (gen_random_uuid(), ?, ?)', [userId, sha256(code)], 'run');
		}
		return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
	}

	return {
		async status(actor: Actor): Promise<MfaStatus> {
			const [row] = await orm.em.fork().execute<{ enrolled: boolean; required: boolean; left: number }[]>(
				`select exists(select 1 from mfa_totp where user_id = ? and confirmed_at is not null) as enrolled,
				        exists(select 1 from role_assignment a join role r on r.id = a.role_id where a.user_id = ? and r.mfa_required) as required,
				        (select count(*)::int from mfa_recovery_code where user_id = ? and used_at is null) as left`,
				[actor.userId, actor.userId, actor.userId]
			);
			return { enrolled: row!.enrolled, required: row!.required, recoveryCodesLeft: row!.left };
		},

		/** Step 1 of enrolment, after the password again: a new secret to scan. */
		async startTotp(actor: Actor, input: unknown): Promise<TotpSetup> {
			await confirmPassword(actor, input);
			const key = getRandomValues(new Uint8Array(20));
			await orm.em.fork().transactional(async (em) => {
				const [existing] = await em.execute<{ confirmed_at: Date | null }[]>('select confirmed_at from mfa_totp where user_id = ? for update', [actor.userId]);
				if (existing?.confirmed_at) throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.alreadySetUp'));
				await em.execute(
					`insert into mfa_totp (id, user_id, secret_enc, confirmed_at, last_step, created_at) values (gen_random_uuid(), ?, ?, null, 0, now())
					 on conflict (user_id) do update set secret_enc = excluded.secret_enc, last_step = 0, created_at = now()`,
					[actor.userId, box.seal(key)],
					'run'
				);
			});
			const uri = createTOTPKeyURI(actor.hospitalName, actor.email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
			return { secret: encodeBase32UpperCaseNoPadding(key), uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
		},

		/** Step 2: the first code proves the app has the secret; answers with recovery codes, shown once. */
		async confirmTotp(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<string[]> {
			const { code } = parseInput(ZMfaCodeInput, input);
			return orm.em.fork().transactional(async (em) => {
				const [row] = await em.execute<{ secret_enc: string; confirmed_at: Date | null; last_step: string }[]>(
					'select secret_enc, confirmed_at, last_step from mfa_totp where user_id = ? for update',
					[actor.userId]
				);
				if (!row || row.confirmed_at) throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.startFirst'));
				const step = matchTotp(box.open(row.secret_enc), code, now(), Number(row.last_step));
				if (step === null) throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.codeWrongCheckTime'), { fields: { code: [msg('errors.mfa.codeWrong')] } });
				await em.execute('update mfa_totp set confirmed_at = now(), last_step = ? where user_id = ?', [step, actor.userId], 'run');
				const codes = await newRecoveryCodes(em, actor.userId);
				await appendAudit(em, audit({ ...actor, name: actor.name }, 'mfa.enrolled', meta, { method: 'totp' }));
				return codes;
			});
		},

		async disable(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<void> {
			await confirmPassword(actor, input);
			if ((await this.status(actor)).required) throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.requiredByRole'));
			await orm.em.fork().transactional(async (em) => {
				await em.execute('delete from mfa_totp where user_id = ?', [actor.userId], 'run');
				await em.execute('delete from mfa_recovery_code where user_id = ?', [actor.userId], 'run');
				await appendAudit(em, audit(actor, 'mfa.disabled', meta));
			});
		},

		async regenerateRecoveryCodes(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<string[]> {
			await confirmPassword(actor, input);
			return orm.em.fork().transactional(async (em) => {
				const [enrolled] = await em.execute('select 1 from mfa_totp where user_id = ? and confirmed_at is not null', [actor.userId]);
				if (!enrolled) throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.setUpFirst'));
				const codes = await newRecoveryCodes(em, actor.userId);
				await appendAudit(em, audit(actor, 'mfa.recovery_codes_renewed', meta));
				return codes;
			});
		},

		/**
		 * Complete a sign-in that owes a second factor. At most 5 attempts per challenge, then the
		 * half-open session is ended. Success replaces it with a fresh session (a new token).
		 */
		async completeChallenge(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<{ token: string; expiresAt: Date; user: UserDto }> {
			await consumeOrRefuse(rateLimits.mfa, meta.ip ?? 'unknown');
			const parsed = ZMfaCodeInput.safeParse(input);
			const code = parsed.success ? parsed.data.code.toLowerCase() : '';
			const outcome = await orm.em.fork().transactional(async (em) => {
				const [s] = await em.execute<{ mfa_attempts: number }[]>(
					'update session set mfa_attempts = mfa_attempts + 1 where id = ? and mfa_pending returning mfa_attempts',
					[actor.sessionId]
				);
				if (!s) throw new DomainError('UNAUTHENTICATED', msg('errors.mfa.signInEnded'));
				let method: string | null = null;
				if (/^\d{6}$/.test(code)) {
					const [t] = await em.execute<{ secret_enc: string; last_step: string }[]>(
						'select secret_enc, last_step from mfa_totp where user_id = ? and confirmed_at is not null for update',
						[actor.userId]
					);
					const step = t ? matchTotp(box.open(t.secret_enc), code, now(), Number(t.last_step)) : null;
					if (step !== null) {
						await em.execute('update mfa_totp set last_step = ? where user_id = ?', [step, actor.userId], 'run');
						method = 'totp';
					}
				} else if (code) {
					const [used] = await em.execute<{ id: string }[]>(
						'update mfa_recovery_code set used_at = now() where user_id = ? and code_hash = ? and used_at is null returning id',
						[actor.userId, sha256(code)]
					);
					if (used) method = 'recovery-code';
				}
				if (!method) {
					const exhausted = s.mfa_attempts >= MAX_CHALLENGE_ATTEMPTS;
					if (exhausted) await em.execute('delete from session where id = ?', [actor.sessionId], 'run');
					await appendAudit(em, audit(actor, 'auth.mfa_failed', meta, { attempt: s.mfa_attempts, ended: exhausted }));
					return { ok: false as const, exhausted };
				}
				await em.execute('delete from session where id = ?', [actor.sessionId], 'run');
				const created = await sessions.create(em, { id: actor.userId, hospitalId: actor.hospitalId }, meta);
				await appendAudit(em, audit(actor, 'auth.mfa_passed', meta, { method }));
				return { ok: true as const, created };
			});
			if (!outcome.ok) {
				if (outcome.exhausted) throw new DomainError('UNAUTHENTICATED', msg('errors.mfa.tooManyCodes'));
				throw new DomainError('VALIDATION_FAILED', msg('errors.mfa.codeWrong'), { fields: { code: [msg('errors.mfa.codeWrongTryRecovery')] } });
			}
			return { token: outcome.created.token, expiresAt: outcome.created.expiresAt, user: { id: actor.userId, name: actor.name, email: actor.email } };
		}
	};
}

export type MfaService = ReturnType<typeof createMfaService>;
