import type { EntityManager } from '@mikro-orm/postgresql';
import { can, type Actor } from '../../shared/access/actor.ts';
import { isPermission, type Permission } from '../../shared/access/permissions.ts';
import { rooms } from '../../shared/realtime/events.ts';
import {
	ZAcceptInvitationInput,
	ZInviteUserInput,
	ZRoleGrant,
	ZUpdateUserInput,
	ZUserQuery,
	type RoleGrant,
	type UserPage,
	type UserSummary
} from '../../shared/users/user.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { hashSecret } from '../auth/session-token.ts';
import { INVITATION_HOURS, issueInvitation } from './invitation.ts';
import type { SessionMeta, SessionService } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { msg, translate } from '../../shared/i18n/translate.ts';
import type { Mailer } from '../mail/mailer.ts';
import { CONTROL, OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';


type Scope = { all: true } | { all: false; branchIds: string[] };

interface UserRow {
	id: string;
	name: string;
	email: string;
	phone: string | null;
	active: boolean;
	invited: boolean;
	locked_until: Date | null;
	created_at: Date;
	last_active_at: Date | null;
	version: number;
	assignments: { id: string; role_id: string; role_name: string; branch_id: string | null; branch_name: string | null }[];
	total?: string;
}

const SELECT_USER = `select u.id, u.name, u.email, u.phone, u.active, (u.password_hash is null) as invited, u.locked_until,
	u.created_at, u.version,
	(select max(s.last_active_at) from session s where s.user_id = u.id) as last_active_at,
	coalesce((select json_agg(json_build_object('id', a.id, 'role_id', r.id, 'role_name', r.name, 'branch_id', b.id, 'branch_name', b.name) order by r.name, b.name)
	          from role_assignment a join role r on r.id = a.role_id left join branch b on b.id = a.branch_id
	          where a.user_id = u.id), '[]'::json) as assignments`;

function toSummary(r: UserRow): UserSummary {
	const locked = !!r.locked_until && new Date(r.locked_until) > new Date();
	return {
		id: r.id,
		name: r.name,
		email: r.email,
		phone: r.phone,
		status: !r.active ? 'deactivated' : r.invited ? 'invited' : locked ? 'locked' : 'active',
		assignments: r.assignments.map((a) => ({ id: a.id, roleId: a.role_id, roleName: a.role_name, branchId: a.branch_id, branchName: a.branch_name })),
		lastActiveAt: r.last_active_at ? new Date(r.last_active_at).toISOString() : null,
		createdAt: new Date(r.created_at).toISOString(),
		lockedUntil: locked ? new Date(r.locked_until!).toISOString() : null,
		version: r.version
	};
}

/** Where the actor holds a permission: hospital-wide, or in these branches. */
function scopeOf(actor: Actor, permission: Permission): Scope {
	if (can(actor, permission)) return { all: true };
	const branchIds = actor.branches.filter((b) => b.permissions.includes(permission)).map((b) => b.id);
	if (!branchIds.length) throw new DomainError('FORBIDDEN');
	return { all: false, branchIds };
}

/** SQL limiting users to a scope: a branch scope sees users with a role in those branches. */
function visible(scope: Scope): { sql: string; params: unknown[] } {
	if (scope.all) return { sql: '', params: [] };
	return {
		sql: ` and exists (select 1 from role_assignment va where va.user_id = u.id and va.branch_id in (${scope.branchIds.map(() => '?').join(',')}))`,
		params: scope.branchIds
	};
}

export function createUserService(deps: ServiceDeps & { mailer: Mailer; sessions: SessionService }) {
	const { orm, config, afterCommit, mailer } = deps;

	async function load(em: EntityManager, actor: Actor, userId: string, permission: Permission, lock = false): Promise<UserRow> {
		if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new DomainError('NOT_FOUND', msg('errors.users.notFound'));
		const v = visible(scopeOf(actor, permission));
		const [row] = await em.execute<UserRow[]>(`${SELECT_USER} from app_user u where u.id = ? and u.hospital_id = ?${v.sql}${lock ? ' for update' : ''}`, [
			userId,
			actor.hospitalId,
			...v.params
		]);
		if (!row) throw new DomainError('NOT_FOUND', msg('errors.users.notFound'));
		return row;
	}

	/**
	 * May the actor grant this role here? They need users:manage at that scope, and cannot hand
	 * out a permission they do not hold there themselves (no escalation through roles).
	 */
	async function checkGrant(em: EntityManager, actor: Actor, grant: RoleGrant): Promise<{ roleName: string; branchName: string | null }> {
		const [role] = await em.execute<{ name: string; permissions: string[] }[]>('select name, permissions from role where id = ? and hospital_id = ?', [
			grant.roleId,
			actor.hospitalId
		]);
		if (!role) throw new DomainError('VALIDATION_FAILED', msg('errors.users.roleMissing'), { fields: { roleId: [msg('errors.users.chooseHospitalRole')] } });
		let branchName: string | null = null;
		if (grant.branchId) {
			const [branch] = await em.execute<{ name: string }[]>('select name from branch where id = ? and hospital_id = ?', [grant.branchId, actor.hospitalId]);
			if (!branch) throw new DomainError('VALIDATION_FAILED', msg('errors.users.branchMissing'), { fields: { branchId: [msg('errors.users.chooseHospitalBranch')] } });
			branchName = branch.name;
		}
		const mine = grant.branchId ? (actor.branches.find((b) => b.id === grant.branchId)?.permissions ?? []) : actor.hospitalPermissions;
		if (!mine.includes('users:manage')) {
			throw new DomainError('FORBIDDEN', msg(grant.branchId ? 'errors.users.branchForbidden' : 'errors.users.hospitalWideOnly'));
		}
		const beyond = role.permissions.filter((p) => isPermission(p) && !mine.includes(p));
		if (beyond.length) throw new DomainError('FORBIDDEN', msg('errors.users.grantBeyondOwn', { permissions: beyond.join(', ') }));
		return { roleName: role.name, branchName };
	}

	/** End every session of a user inside the caller's transaction; sockets close after commit. */
	async function endAllSessions(em: EntityManager, outbox: OutboxBatch, userId: string): Promise<number> {
		const rows = await em.execute<{ id: string }[]>('delete from session where user_id = ? returning id', [userId]);
		for (const r of rows) await outbox.control(em, rooms.session(r.id), CONTROL.disconnectSession);
		return rows.length;
	}

	function auditFor(actor: Actor, meta: SessionMeta) {
		return { hospitalId: actor.hospitalId, actorUserId: actor.userId, actorLabel: actor.name, ip: meta.ip, userAgent: meta.userAgent, targetType: 'user' };
	}

	const createInvitation = (em: EntityManager, actor: Actor, userId: string) => issueInvitation(em, { hospitalId: actor.hospitalId, userId, createdBy: actor.userId });

	/** The invitee has no language yet: the mail speaks the inviting administrator's. */
	async function sendInvitation(to: { name: string; email: string }, actor: Actor, token: string, locale: Locale) {
		const hospital = actor.hospitalName;
		await mailer.send({
			to: to.email,
			subject: translate(locale, 'mail.invitation.subject', { hospital }),
			text: translate(locale, 'mail.invitation.body', { name: to.name, inviter: actor.name, hospital, hours: INVITATION_HOURS, link: `${config.origin}/invite/${token}` })
		});
	}

	return {
		async list(actor: Actor, input: unknown): Promise<UserPage> {
			const q = parseInput(ZUserQuery, input);
			const v = visible(scopeOf(actor, 'users:read'));
			const where: string[] = ['u.hospital_id = ?' + v.sql];
			const params: unknown[] = [actor.hospitalId, ...v.params];
			const add = (sql: string, ...values: unknown[]) => {
				where.push(sql);
				params.push(...values);
			};
			if (q.q) {
				const digits = q.q.replace(/\D/g, '');
				add(
					`(u.name ilike ? or u.email ilike ?${digits.length >= 3 ? ' or u.phone like ?' : ''})`,
					`%${q.q}%`,
					`%${q.q}%`,
					...(digits.length >= 3 ? [`%${digits}%`] : [])
				);
			}
			if (q.roleId) add('exists (select 1 from role_assignment fa where fa.user_id = u.id and fa.role_id = ?)', q.roleId);
			if (q.branchId) add('exists (select 1 from role_assignment fb where fb.user_id = u.id and (fb.branch_id = ? or fb.branch_id is null))', q.branchId);
			if (q.status === 'deactivated') where.push('not u.active');
			if (q.status === 'invited') where.push('u.active and u.password_hash is null');
			if (q.status === 'locked') where.push('u.active and u.locked_until > now()');
			if (q.status === 'active') where.push('u.active and u.password_hash is not null and (u.locked_until is null or u.locked_until <= now())');
			const order = { name: 'lower(x.name)', email: 'x.email', createdAt: 'x.created_at', lastActiveAt: 'x.last_active_at' }[q.sort];
			const rows = await orm.em.fork().execute<UserRow[]>(
				`select * from (${SELECT_USER}, count(*) over () as total from app_user u where ${where.join(' and ')}) x
				 order by ${order} ${q.dir} nulls last, x.id limit ? offset ?`,
				[...params, q.pageSize, (q.page - 1) * q.pageSize]
			);
			return { users: rows.map(toSummary), total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
		},

		async get(actor: Actor, userId: string): Promise<UserSummary> {
			return toSummary(await load(orm.em.fork(), actor, userId, 'users:read'));
		},

		/** Create the account and send a single-use link to set a password, in `locale` (the request's language). */
		async invite(actor: Actor, input: unknown, meta: SessionMeta = {}, locale: Locale = actor.language ?? DEFAULT_LOCALE): Promise<UserSummary> {
			const data = parseInput(ZInviteUserInput, input);
			scopeOf(actor, 'users:manage');
			const { user, token } = await orm.em.fork().transactional(async (em) => {
				const [taken] = await em.execute('select 1 from app_user where email = ?', [data.email]);
				if (taken) throw new DomainError('VALIDATION_FAILED', msg('errors.users.emailTaken'), { fields: { email: [msg('errors.users.emailTaken')] } });
				const grants = [];
				for (const grant of data.roles) grants.push({ ...grant, ...(await checkGrant(em, actor, grant)) });
				const [created] = await em.execute<{ id: string }[]>(
					`insert into app_user (id, hospital_id, name, email, phone, password_hash, active, created_at)
					 values (gen_random_uuid(), ?, ?, ?, ?, null, true, now()) returning id`,
					[actor.hospitalId, data.name, data.email, data.phone ?? null]
				);
				const userId = created!.id;
				for (const g of grants) {
					await em.execute(
						`insert into role_assignment (id, hospital_id, user_id, role_id, branch_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())
						 on conflict do nothing`,
						[actor.hospitalId, userId, g.roleId, g.branchId],
						'run'
					);
				}
				const token = await createInvitation(em, actor, userId);
				await appendAudit(em, {
					...auditFor(actor, meta),
					action: 'user.invited',
					targetId: userId,
					after: { name: data.name, email: data.email, roles: grants.map((g) => ({ role: g.roleName, branch: g.branchName ?? 'all branches' })) }
				});
				return { user: toSummary((await em.execute<UserRow[]>(`${SELECT_USER} from app_user u where u.id = ?`, [userId]))[0]!), token };
			});
			await sendInvitation(user, actor, token, locale);
			return user;
		},

		async resendInvitation(actor: Actor, userId: string, meta: SessionMeta = {}, locale: Locale = actor.language ?? DEFAULT_LOCALE): Promise<void> {
			const { row, token } = await orm.em.fork().transactional(async (em) => {
				const row = await load(em, actor, userId, 'users:manage', true);
				if (!row.invited) throw new DomainError('VALIDATION_FAILED', msg('errors.users.alreadyJoined'));
				const token = await createInvitation(em, actor, userId);
				await appendAudit(em, { ...auditFor(actor, meta), action: 'user.invitation_resent', targetId: userId });
				return { row, token };
			});
			await sendInvitation(row, actor, token, locale);
		},

		async update(actor: Actor, userId: string, input: unknown, meta: SessionMeta = {}): Promise<UserSummary> {
			const data = parseInput(ZUpdateUserInput, input);
			return orm.em.fork().transactional(async (em) => {
				const before = await load(em, actor, userId, 'users:manage', true);
				if (before.version !== data.version) {
					throw new DomainError('STALE_VERSION', msg('errors.users.stale'), { details: { current: toSummary(before) } });
				}
				await em.execute('update app_user set name = coalesce(?, name), phone = case when ? then ? else phone end, version = version + 1 where id = ?', [
					data.name ?? null,
					data.phone !== undefined,
					data.phone ?? null,
					userId
				], 'run');
				const after = await load(em, actor, userId, 'users:manage');
				await appendAudit(em, {
					...auditFor(actor, meta),
					action: 'user.updated',
					targetId: userId,
					before: { name: before.name, phone: before.phone },
					after: { name: after.name, phone: after.phone }
				});
				return toSummary(after);
			});
		},

		/** Deactivation ends every session and socket of that person at once. */
		async setActive(actor: Actor, userId: string, active: boolean, meta: SessionMeta = {}): Promise<UserSummary> {
			if (userId === actor.userId && !active) throw new DomainError('VALIDATION_FAILED', msg('errors.users.selfDeactivate'));
			const outbox = new OutboxBatch();
			const result = await orm.em.fork().transactional(async (em) => {
				const before = await load(em, actor, userId, 'users:manage', true);
				if (before.active === active) return toSummary(before);
				await em.execute('update app_user set active = ?, version = version + 1 where id = ?', [active, userId], 'run');
				const ended = active ? 0 : await endAllSessions(em, outbox, userId);
				await appendAudit(em, { ...auditFor(actor, meta), action: active ? 'user.reactivated' : 'user.deactivated', targetId: userId, after: active ? undefined : { sessionsEnded: ended } });
				return toSummary(await load(em, actor, userId, 'users:manage'));
			});
			afterCommit(outbox);
			return result;
		},

		async unlock(actor: Actor, userId: string, meta: SessionMeta = {}): Promise<UserSummary> {
			return orm.em.fork().transactional(async (em) => {
				await load(em, actor, userId, 'users:manage', true);
				await em.execute('update app_user set locked_until = null, failed_attempts = 0, lock_count = 0, version = version + 1 where id = ?', [userId], 'run');
				await appendAudit(em, { ...auditFor(actor, meta), action: 'user.unlocked', targetId: userId });
				return toSummary(await load(em, actor, userId, 'users:manage'));
			});
		},

		async endSessions(actor: Actor, userId: string, meta: SessionMeta = {}): Promise<number> {
			const outbox = new OutboxBatch();
			const ended = await orm.em.fork().transactional(async (em) => {
				await load(em, actor, userId, 'sessions:manage');
				const n = await endAllSessions(em, outbox, userId);
				await appendAudit(em, { ...auditFor(actor, meta), action: 'session.revoked', targetId: userId, after: { scope: 'all-of-user', sessionsEnded: n } });
				return n;
			});
			afterCommit(outbox);
			return ended;
		},

		async grantRole(actor: Actor, userId: string, input: unknown, meta: SessionMeta = {}): Promise<UserSummary> {
			const grant = parseInput(ZRoleGrant, input);
			return orm.em.fork().transactional(async (em) => {
				await load(em, actor, userId, 'users:manage', true);
				const { roleName, branchName } = await checkGrant(em, actor, grant);
				await em.execute(
					`insert into role_assignment (id, hospital_id, user_id, role_id, branch_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())
					 on conflict do nothing`,
					[actor.hospitalId, userId, grant.roleId, grant.branchId],
					'run'
				);
				await em.execute('update app_user set version = version + 1 where id = ?', [userId], 'run');
				await appendAudit(em, { ...auditFor(actor, meta), action: 'user.role_granted', targetId: userId, branchId: grant.branchId, after: { role: roleName, branch: branchName ?? 'all branches' } });
				return toSummary(await load(em, actor, userId, 'users:manage'));
			});
		},

		async revokeRole(actor: Actor, userId: string, assignmentId: string, meta: SessionMeta = {}): Promise<UserSummary> {
			return orm.em.fork().transactional(async (em) => {
				const user = await load(em, actor, userId, 'users:manage', true);
				const assignment = user.assignments.find((a) => a.id === assignmentId);
				if (!assignment) throw new DomainError('NOT_FOUND', msg('errors.users.assignmentNotFound'));
				await checkGrant(em, actor, { roleId: assignment.role_id, branchId: assignment.branch_id });
				// Serialise with other role changes in this hospital, then keep at least one administrator.
				await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`admins:${actor.hospitalId}`]);
				const [admins] = await em.execute<{ n: number }[]>(
					`select count(distinct a.user_id)::int as n from role_assignment a join role r on r.id = a.role_id join app_user u on u.id = a.user_id
					 where r.hospital_id = ? and r.system_key = 'admin' and a.branch_id is null and u.active and a.id <> ?`,
					[actor.hospitalId, assignmentId]
				);
				const [isAdminGrant] = await em.execute(`select 1 from role r where r.id = ? and r.system_key = 'admin'`, [assignment.role_id]);
				if (isAdminGrant && assignment.branch_id === null && admins!.n === 0) {
					throw new DomainError('VALIDATION_FAILED', msg('errors.users.lastAdmin'));
				}
				await em.execute('delete from role_assignment where id = ?', [assignmentId], 'run');
				await em.execute('update app_user set version = version + 1 where id = ?', [userId], 'run');
				await appendAudit(em, {
					...auditFor(actor, meta),
					action: 'user.role_revoked',
					targetId: userId,
					branchId: assignment.branch_id,
					before: { role: assignment.role_name, branch: assignment.branch_name ?? 'all branches' }
				});
				return toSummary(await load(em, actor, userId, 'users:manage'));
			});
		},

		/** The invitee sets a password; returns a fresh session so they are signed in. */
		async acceptInvitation(input: unknown, meta: SessionMeta = {}): Promise<{ token: string; expiresAt: Date }> {
			const data = parseInput(ZAcceptInvitationInput, input);
			return orm.em.fork().transactional(async (em) => {
				const [inv] = await em.execute<{ id: string; user_id: string; hospital_id: string; name: string; email: string; hospital_name: string; password_hash: string | null; active: boolean }[]>(
					`select i.id, i.user_id, i.hospital_id, u.name, u.email, h.name as hospital_name, u.password_hash, u.active
					 from invitation i join app_user u on u.id = i.user_id join hospital h on h.id = i.hospital_id
					 where i.token_hash = ? and i.used_at is null and i.expires_at > now() for update of i`,
					[hashSecret(data.token)]
				);
				if (!inv || !inv.active || inv.password_hash !== null) {
					throw new DomainError('NOT_FOUND', msg('errors.users.invitationInvalid'));
				}
				const problem = passwordProblem(data.password, [inv.hospital_name, inv.name, inv.email, 'skinspire']);
				if (problem) throw new DomainError('VALIDATION_FAILED', problem, { fields: { password: [problem] } });
				await em.execute('update app_user set password_hash = ?, version = version + 1 where id = ?', [await hashPassword(data.password), inv.user_id], 'run');
				await em.execute('update invitation set used_at = now() where id = ?', [inv.id], 'run');
				const session = await deps.sessions.create(em, { id: inv.user_id, hospitalId: inv.hospital_id }, meta);
				await appendAudit(em, {
					hospitalId: inv.hospital_id,
					actorUserId: inv.user_id,
					actorLabel: inv.name,
					action: 'user.joined',
					targetType: 'user',
					targetId: inv.user_id,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return { token: session.token, expiresAt: session.expiresAt };
			});
		},

		/** Who an invitation is for, to greet them on the page (null when the link is no good). */
		async invitationFor(token: string): Promise<{ name: string; email: string; hospitalName: string } | null> {
			const [row] = await orm.em.fork().execute<{ name: string; email: string; hospital_name: string }[]>(
				`select u.name, u.email, h.name as hospital_name from invitation i join app_user u on u.id = i.user_id join hospital h on h.id = i.hospital_id
				 where i.token_hash = ? and i.used_at is null and i.expires_at > now() and u.active and u.password_hash is null`,
				[hashSecret(token)]
			);
			return row ? { name: row.name, email: row.email, hospitalName: row.hospital_name } : null;
		}
	};
}

export type UserService = ReturnType<typeof createUserService>;
