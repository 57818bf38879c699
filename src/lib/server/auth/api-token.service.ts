import { isLocale } from '../../shared/i18n/locales.ts';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { getRandomValues } from 'node:crypto';
import { canAnywhere, type Actor } from '../../shared/access/actor.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { ZCreateTokenInput, type TokenInfo } from '../../shared/tokens/token.schema.ts';
import { resolveAccess, type AssignmentRow, type BranchRow } from '../access/resolve-access.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import { CONTROL, OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { hashSecret, secretMatches } from './session-token.ts';
import { patientLevelOf, type LiveAccess, type SessionMeta } from './session.service.ts';

const rand = (bytes: number) => encodeBase32LowerCaseNoPadding(getRandomValues(new Uint8Array(bytes)));

export function parseApiToken(token: string | null | undefined): { id: string; secret: string } | null {
	const m = /^sst_([a-z2-7]{24})_([a-z2-7]{32})$/.exec(token ?? '');
	return m ? { id: m[1]!, secret: m[2]! } : null;
}

interface TokenRow {
	id: string;
	name: string;
	secret_hash: string;
	permissions: string[];
	created_at: Date;
	expires_at: Date;
	last_used_at: Date | null;
}

const info = (r: TokenRow): TokenInfo => ({
	id: r.id,
	name: r.name,
	permissions: [...r.permissions].sort(),
	createdAt: new Date(r.created_at).toISOString(),
	expiresAt: new Date(r.expires_at).toISOString(),
	lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null
});

/**
 * Personal API tokens for mobile apps and integrations. A token carries a subset of its owner's
 * permissions; at every use it is intersected with what the owner holds now.
 */
export function createApiTokenService({ orm, afterCommit }: ServiceDeps) {
	function requireSession(actor: Actor) {
		if (actor.via !== 'session') throw new DomainError('FORBIDDEN', msg('errors.tokens.sessionOnly'));
	}

	return {
		async create(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<TokenInfo & { token: string }> {
			requireSession(actor);
			const data = parseInput(ZCreateTokenInput, input);
			const beyond = data.permissions.filter((p) => !canAnywhere(actor, p));
			if (beyond.length) {
				throw new DomainError('VALIDATION_FAILED', msg('errors.tokens.beyondOwn', { permissions: beyond.join(', ') }), { fields: { permissions: [msg('errors.tokens.onlyOwn')] } });
			}
			const id = rand(15);
			const secret = rand(20);
			return orm.em.fork().transactional(async (em) => {
				const [row] = await em.execute<TokenRow[]>(
					`insert into api_token (id, hospital_id, user_id, name, secret_hash, permissions, created_at, expires_at)
					 values (?, ?, ?, ?, ?, ?::text[], now(), now() + (? * interval '1 day')) returning *`,
					[id, actor.hospitalId, actor.userId, data.name, hashSecret(secret), `{${[...new Set(data.permissions)].join(',')}}`, data.expiresInDays]
				);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'token.created',
					targetType: 'api-token',
					targetId: id,
					after: { name: data.name, permissions: data.permissions, expiresInDays: data.expiresInDays },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return { ...info(row!), token: `sst_${id}_${secret}` };
			});
		},

		async list(actor: Actor): Promise<TokenInfo[]> {
			requireSession(actor);
			const rows = await orm.em.fork().execute<TokenRow[]>(
				'select * from api_token where user_id = ? and revoked_at is null and expires_at > now() order by created_at desc',
				[actor.userId]
			);
			return rows.map(info);
		},

		/** Revoked at once: the next request with it is refused and its sockets close. */
		async revoke(actor: Actor, tokenId: string, meta: SessionMeta = {}): Promise<void> {
			requireSession(actor);
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				const [row] = await em.execute<{ id: string }[]>('update api_token set revoked_at = now() where id = ? and user_id = ? and revoked_at is null returning id', [
					tokenId,
					actor.userId
				]);
				if (!row) throw new DomainError('NOT_FOUND', msg('errors.tokens.notFound'));
				await outbox.control(em, rooms.session(`token:${tokenId}`), CONTROL.disconnectSession);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'token.revoked',
					targetType: 'api-token',
					targetId: tokenId,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
			});
			afterCommit(outbox);
		},

		/** The actor a bearer token stands for, or null (unknown, expired, revoked, owner deactivated). */
		async validate(token: string | null | undefined): Promise<Actor | null> {
			const parsed = parseApiToken(token);
			if (!parsed) return null;
			const em = orm.em.fork();
			const [row] = await em.execute<
				(TokenRow & { user_id: string; hospital_id: string; hospital_name: string; user_name: string; email: string; language: string | null; patient_id: string | null; assignments: AssignmentRow[]; branches: BranchRow[] })[]
			>(
				`select t.*, h.name as hospital_name, u.name as user_name, u.email, u.language, u.patient_id,
				   coalesce((select json_agg(json_build_object('branch_id', a.branch_id, 'role', r.name, 'permissions', r.permissions))
				             from role_assignment a join role r on r.id = a.role_id where a.user_id = t.user_id and a.hospital_id = t.hospital_id), '[]'::json) as assignments,
				   coalesce((select json_agg(json_build_object('id', b.id, 'name', b.name, 'code', b.code, 'time_zone', b.time_zone) order by b.name)
				             from branch b where b.hospital_id = t.hospital_id), '[]'::json) as branches
				 from api_token t join app_user u on u.id = t.user_id join hospital h on h.id = t.hospital_id
				 where t.id = ? and t.revoked_at is null and t.expires_at > now() and u.active`,
				[parsed.id]
			);
			if (!row || !secretMatches(row.secret_hash, parsed.secret)) return null;
			if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
				await em.execute('update api_token set last_used_at = now() where id = ?', [row.id], 'run');
			}
			const granted = new Set(row.permissions);
			const access = resolveAccess(row.assignments, row.branches);
			return {
				userId: row.user_id,
				hospitalId: row.hospital_id,
				hospitalName: row.hospital_name,
				sessionId: `token:${row.id}`,
				name: row.user_name,
				email: row.email,
				language: isLocale(row.language) ? row.language : null,
				patientId: row.patient_id,
				hospitalPermissions: access.hospitalPermissions.filter((p) => granted.has(p)),
				branches: access.branches.map((b) => ({ ...b, permissions: b.permissions.filter((p) => granted.has(p)) })),
				mfa: 'ok',
				via: 'token'
			};
		},

		/** For the socket watchdog: of these token ids, those still valid, with their owner's branches. */
		async liveBranches(tokenIds: string[]): Promise<Map<string, LiveAccess>> {
			if (!tokenIds.length) return new Map();
			const rows = await orm.em.fork().execute<{ id: string; branch_ids: string[]; schedule_branch_ids: string[]; permissions: string[] }[]>(
				`select t.id, array(select distinct b.id::text from role_assignment a join role r on r.id = a.role_id
				                    join branch b on b.hospital_id = a.hospital_id and (a.branch_id is null or a.branch_id = b.id)
				                    where a.user_id = t.user_id and a.hospital_id = t.hospital_id
				                      and 'notices:read' = any(r.permissions) and 'notices:read' = any(t.permissions)) as branch_ids,
				   array(select distinct b.id::text from role_assignment a join role r on r.id = a.role_id
				                    join branch b on b.hospital_id = a.hospital_id and (a.branch_id is null or a.branch_id = b.id)
				                    where a.user_id = t.user_id and a.hospital_id = t.hospital_id
				                      and 'appointments:read' = any(r.permissions) and 'appointments:read' = any(t.permissions)) as schedule_branch_ids,
				   array(select distinct p from role_assignment a join role r on r.id = a.role_id, unnest(r.permissions) p
				         where a.user_id = t.user_id and a.hospital_id = t.hospital_id and p = any(t.permissions)) as permissions
				 from api_token t join app_user u on u.id = t.user_id
				 where t.id in (${tokenIds.map(() => '?').join(',')}) and t.revoked_at is null and t.expires_at > now() and u.active`,
				tokenIds
			);
			return new Map(rows.map((r) => [r.id, { branchIds: r.branch_ids, scheduleBranchIds: r.schedule_branch_ids, patientLevel: patientLevelOf(r.permissions) }]));
		}
	};
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
