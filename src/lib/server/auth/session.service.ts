import { isLocale } from '../../shared/i18n/locales.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../shared/access/actor.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { CONTROL, OutboxBatch } from '../realtime/outbox.ts';
import { deviceName } from '../../shared/sessions/device-name.ts';
import type { SessionInfo } from '../../shared/sessions/session.schema.ts';
import { appendAudit, type AuditEntry } from '../audit/audit.service.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { resolveAccess, type AssignmentRow, type BranchRow } from '../access/resolve-access.ts';
import { executePrepared, runInOneRoundTrip, type PreparedStatement } from '../db/one-round-trip.ts';
import { generateSessionToken, hashSecret, parseSessionToken, secretMatches } from './session-token.ts';

/** Activity is written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionMeta {
	ip?: string | undefined;
	userAgent?: string | undefined;
}

interface SessionRow {
	id: string;
	secret_hash: string;
	created_at: Date;
	last_active_at: Date;
	expires_at: Date;
	user_id: string;
	hospital_id: string;
	hospital_name: string;
	user_name: string;
	language: string | null;
	patient_id: string | null;
	email: string;
	active: boolean;
	assignments: AssignmentRow[];
	branches: BranchRow[];
	mfa_pending: boolean;
	session_idle_minutes: number | null;
	mfa_enrol_required: boolean;
}

/** What an open socket may still receive, re-checked every second by the realtime watchdog. */
export interface LiveAccess {
	/** Branches whose room (notices) the socket belongs in. */
	branchIds: string[];
	/** Branches whose schedule room (calendars, queue, waitlist) it belongs in: appointments:read there. */
	scheduleBranchIds: string[];
	/** Which patient-chart rooms it may be in: full, masked, or none. */
	patientLevel: 'full' | 'masked' | null;
}

/**
 * The session, its user, their role assignments and the hospital's branches in one round trip.
 * Every signed-in request runs it, and planning it costs several times more than running it, so
 * each connection prepares it once.
 */
const SESSION_LOOKUP: PreparedStatement = {
	name: 'skinspire_session_lookup',
	sql: `select s.id, s.secret_hash, s.created_at, s.last_active_at, s.expires_at, s.user_id, s.hospital_id,
	        h.name as hospital_name, h.session_idle_minutes, u.name as user_name, u.email, u.language, u.patient_id, u.active,
	        coalesce((select json_agg(json_build_object('branch_id', a.branch_id, 'role', r.name, 'permissions', r.permissions))
	                  from role_assignment a join role r on r.id = a.role_id and r.hospital_id = a.hospital_id
	                  where a.user_id = s.user_id and a.hospital_id = s.hospital_id), '[]'::json) as assignments,
	        coalesce((select json_agg(json_build_object('id', b.id, 'name', b.name, 'code', b.code, 'time_zone', b.time_zone) order by b.name)
	                  from branch b where b.hospital_id = s.hospital_id), '[]'::json) as branches,
	        s.mfa_pending,
	        (exists(select 1 from role_assignment a join role r on r.id = a.role_id where a.user_id = s.user_id and r.mfa_required)
	         and not exists(select 1 from mfa_totp t where t.user_id = s.user_id and t.confirmed_at is not null)) as mfa_enrol_required
	 from session s join app_user u on u.id = s.user_id join hospital h on h.id = s.hospital_id
	 where s.id = $1::text`
};

export function patientLevelOf(permissions: readonly string[]): LiveAccess['patientLevel'] {
	if (!permissions.includes('patients:read')) return null;
	return permissions.includes('patients:read-sensitive') ? 'full' : 'masked';
}

export function createSessionService({ orm, config, afterCommit, now: clock = Date.now }: ServiceDeps) {
	function toActor(row: SessionRow): Actor {
		const { hospitalPermissions, branches } = resolveAccess(row.assignments, row.branches);
		const mfa = row.mfa_pending ? 'challenge' : row.mfa_enrol_required ? 'enrol' : 'ok';
		return {
			userId: row.user_id,
			hospitalId: row.hospital_id,
			hospitalName: row.hospital_name,
			sessionId: row.id,
			name: row.user_name,
			email: row.email,
			language: isLocale(row.language) ? row.language : null,
			patientId: row.patient_id,
			hospitalPermissions,
			branches,
			mfa,
			via: 'session'
		};
	}

	return {
		/** Start a session inside the caller's transaction; returns the token to hand to the client once. */
		async create(em: EntityManager, user: { id: string; hospitalId: string }, meta: SessionMeta, options: { mfaPending?: boolean } = {}) {
			const { id, secret, token } = generateSessionToken();
			const now = new Date(clock());
			const expiresAt = new Date(now.getTime() + config.sessionAbsoluteMs);
			await em.execute(
				`insert into session (id, user_id, hospital_id, secret_hash, created_at, last_active_at, expires_at, ip, user_agent, mfa_pending, mfa_attempts)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
				[id, user.id, user.hospitalId, hashSecret(secret), now, now, expiresAt, meta.ip?.slice(0, 64) ?? null, meta.userAgent?.slice(0, 400) ?? null, options.mfaPending ?? false],
				'run'
			);
			return { token, sessionId: id, expiresAt };
		},

		/**
		 * The actor behind a token, or null when the token is malformed, unknown, expired (idle or
		 * absolute), or its user is deactivated. An expired session is deleted on the spot.
		 */
		async validate(token: string | null | undefined): Promise<{ actor: Actor; expiresAt: Date } | null> {
			const parsed = parseSessionToken(token);
			if (!parsed) return null;
			const em = orm.em.fork();
			const [rows] = (await runInOneRoundTrip(orm, [executePrepared(SESSION_LOOKUP, [parsed.id])])) as unknown as [SessionRow[]];
			const row = rows[0];
			if (!row || !secretMatches(row.secret_hash, parsed.secret)) return null;
			const now = clock();
			const idleMs = row.session_idle_minutes ? row.session_idle_minutes * 60_000 : config.sessionIdleMs;
			const idleExpired = now - new Date(row.last_active_at).getTime() > idleMs;
			if (!row.active || idleExpired || now >= new Date(row.expires_at).getTime()) {
				await em.execute('delete from session where id = ?', [row.id], 'run');
				return null;
			}
			if (now - new Date(row.last_active_at).getTime() > TOUCH_EVERY_MS) {
				await em.execute('update session set last_active_at = ? where id = ?', [new Date(now), row.id], 'run');
			}
			return { actor: toActor(row), expiresAt: new Date(row.expires_at) };
		},

		/** End a session now; its sockets on every node are disconnected through the outbox. */
		async invalidate(sessionId: string, audit?: AuditEntry): Promise<void> {
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				await em.execute('delete from session where id = ?', [sessionId], 'run');
				if (audit) await appendAudit(em, audit);
				await outbox.control(em, rooms.session(sessionId), CONTROL.disconnectSession);
			});
			afterCommit(outbox);
		},

		/** The signed-in user's own sessions, this one first. */
		async listOwn(actor: Actor): Promise<SessionInfo[]> {
			const rows = await orm.em.fork().execute<{ id: string; ip: string | null; user_agent: string | null; created_at: Date; last_active_at: Date; expires_at: Date }[]>(
				`select s.id, s.ip, s.user_agent, s.created_at, s.last_active_at, s.expires_at from session s join hospital h on h.id = s.hospital_id
				 where s.user_id = ? and s.expires_at > now() and s.last_active_at > now() - (coalesce(h.session_idle_minutes * 60000, ?) * interval '1 millisecond')
				 order by (s.id = ?) desc, s.last_active_at desc`,
				[actor.userId, config.sessionIdleMs, actor.sessionId]
			);
			return rows.map((r) => ({
				id: r.id,
				current: r.id === actor.sessionId,
				device: deviceName(r.user_agent),
				ip: r.ip,
				createdAt: new Date(r.created_at).toISOString(),
				lastActiveAt: new Date(r.last_active_at).toISOString(),
				expiresAt: new Date(r.expires_at).toISOString()
			}));
		},

		/** End sessions of one user (all, or all but one); each ends with its sockets. Returns how many. */
		async revokeWhere(userId: string, hospitalId: string, filter: { only?: string; except?: string }, audit: Omit<AuditEntry, 'targetId'>): Promise<number> {
			const outbox = new OutboxBatch();
			const ended = await orm.em.fork().transactional(async (em) => {
				const rows = await em.execute<{ id: string }[]>(
					`delete from session where user_id = ? and hospital_id = ?
					 ${filter.only ? 'and id = ?' : ''} ${filter.except ? 'and id <> ?' : ''} returning id`,
					[userId, hospitalId, ...(filter.only ? [filter.only] : []), ...(filter.except ? [filter.except] : [])]
				);
				for (const r of rows) {
					await outbox.control(em, rooms.session(r.id), CONTROL.disconnectSession);
					await appendAudit(em, { ...audit, targetId: r.id });
				}
				return rows.length;
			});
			afterCommit(outbox);
			return ended;
		},

		/**
		 * For the socket watchdog: of the given sessions, those still valid right now, each with
		 * the branches whose notices its user may read at this moment (role changes included).
		 */
		async liveBranches(sessionIds: string[]): Promise<Map<string, LiveAccess>> {
			if (!sessionIds.length) return new Map();
			const rows = await orm.em.fork().execute<{ id: string; branch_ids: string[]; schedule_branch_ids: string[]; permissions: string[] }[]>(
				`select s.id, array(select distinct b.id::text from role_assignment a join role r on r.id = a.role_id
				                    join branch b on b.hospital_id = a.hospital_id and (a.branch_id is null or a.branch_id = b.id)
				                    where a.user_id = s.user_id and a.hospital_id = s.hospital_id and 'notices:read' = any(r.permissions)) as branch_ids,
				   array(select distinct b.id::text from role_assignment a join role r on r.id = a.role_id
				                    join branch b on b.hospital_id = a.hospital_id and (a.branch_id is null or a.branch_id = b.id)
				                    where a.user_id = s.user_id and a.hospital_id = s.hospital_id and 'appointments:read' = any(r.permissions)) as schedule_branch_ids,
				   array(select distinct unnest(r.permissions) from role_assignment a join role r on r.id = a.role_id
				         where a.user_id = s.user_id and a.hospital_id = s.hospital_id and r.permissions && array['patients:read', 'patients:read-sensitive']::text[]) as permissions
				 from session s join app_user u on u.id = s.user_id join hospital h on h.id = s.hospital_id
				 where s.id in (${sessionIds.map(() => '?').join(',')})
				   and s.expires_at > now() and s.last_active_at > now() - (coalesce(h.session_idle_minutes * 60000, ?) * interval '1 millisecond')
				   and u.active and not s.mfa_pending`,
				[...sessionIds, config.sessionIdleMs]
			);
			return new Map(rows.map((r) => [r.id, { branchIds: r.branch_ids, scheduleBranchIds: r.schedule_branch_ids, patientLevel: patientLevelOf(r.permissions) }]));
		}
	};
}

export type SessionService = ReturnType<typeof createSessionService>;
