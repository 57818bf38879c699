import type { EntityManager } from '@mikro-orm/postgresql';
import { can, type Actor } from '../../shared/access/actor.ts';
import { ZCreateRoleInput, ZUpdateRoleInput, type RoleDto } from '../../shared/roles/role.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { ServiceDeps } from '../runtime/deps.ts';

interface RoleRow {
	id: string;
	name: string;
	description: string;
	system_key: string | null;
	permissions: string[];
	mfa_required: boolean;
	version: number;
	assigned_users: number;
}

const SELECT = `select r.id, r.name, r.description, r.system_key, r.permissions, r.mfa_required, r.version,
	(select count(distinct a.user_id)::int from role_assignment a where a.role_id = r.id) as assigned_users from role r`;

function toDto(r: RoleRow): RoleDto {
	return {
		id: r.id,
		name: r.name,
		description: r.description,
		system: r.system_key !== null,
		permissions: [...r.permissions].sort(),
		mfaRequired: r.mfa_required,
		assignedUsers: r.assigned_users,
		version: r.version
	};
}

/**
 * Roles are named sets of permissions per hospital. System roles follow the code and cannot be
 * deleted or have their permissions edited (copy one to customise it); whether a role requires
 * MFA is the hospital's choice for any role.
 */
export function createRoleService({ orm }: ServiceDeps) {
	function requireManage(actor: Actor) {
		if (!can(actor, 'roles:manage')) throw new DomainError('FORBIDDEN', msg('errors.roles.manageForbidden'));
	}

	async function load(em: EntityManager, actor: Actor, roleId: string, lock = false): Promise<RoleRow> {
		if (!/^[0-9a-f-]{36}$/i.test(roleId)) throw new DomainError('NOT_FOUND', msg('errors.roles.notFound'));
		const [row] = await em.execute<RoleRow[]>(`${SELECT} where r.id = ? and r.hospital_id = ?${lock ? ' for update' : ''}`, [roleId, actor.hospitalId]);
		if (!row) throw new DomainError('NOT_FOUND', msg('errors.roles.notFound'));
		return row;
	}

	function auditFor(actor: Actor, meta: SessionMeta) {
		return { hospitalId: actor.hospitalId, actorUserId: actor.userId, actorLabel: actor.name, ip: meta.ip, userAgent: meta.userAgent, targetType: 'role' };
	}

	async function nameFree(em: EntityManager, actor: Actor, name: string, except?: string) {
		const [taken] = await em.execute('select 1 from role where hospital_id = ? and lower(name) = lower(?) and id <> ?', [
			actor.hospitalId,
			name,
			except ?? '00000000-0000-0000-0000-000000000000'
		]);
		if (taken) throw new DomainError('VALIDATION_FAILED', msg('errors.roles.nameTaken'), { fields: { name: [msg('errors.roles.nameTaken')] } });
	}

	return {
		/** Anyone who can read users can see the roles (to understand an assignment). */
		async list(actor: Actor): Promise<RoleDto[]> {
			if (!can(actor, 'roles:manage') && !actor.hospitalPermissions.includes('users:read') && !actor.branches.some((b) => b.permissions.includes('users:read'))) {
				throw new DomainError('FORBIDDEN');
			}
			const rows = await orm.em.fork().execute<RoleRow[]>(`${SELECT} where r.hospital_id = ? order by (r.system_key is null), r.name`, [actor.hospitalId]);
			return rows.map(toDto);
		},

		async get(actor: Actor, roleId: string): Promise<RoleDto> {
			requireManage(actor);
			return toDto(await load(orm.em.fork(), actor, roleId));
		},

		async create(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<RoleDto> {
			requireManage(actor);
			const data = parseInput(ZCreateRoleInput, input);
			return orm.em.fork().transactional(async (em) => {
				await nameFree(em, actor, data.name);
				const source = data.copyOf ? await load(em, actor, data.copyOf) : null;
				const permissions = [...new Set(source && !data.permissions.length ? source.permissions : data.permissions)].sort();
				const [row] = await em.execute<{ id: string }[]>(
					`insert into role (id, hospital_id, name, description, system_key, permissions, mfa_required, version, created_at)
					 values (gen_random_uuid(), ?, ?, ?, null, ?::text[], ?, 1, now()) returning id`,
					[actor.hospitalId, data.name, data.description, `{${permissions.join(',')}}`, data.mfaRequired]
				);
				const created = await load(em, actor, row!.id);
				await appendAudit(em, { ...auditFor(actor, meta), action: 'role.created', targetId: created.id, after: { ...toDto(created), copiedFrom: source?.name } });
				return toDto(created);
			});
		},

		async update(actor: Actor, roleId: string, input: unknown, meta: SessionMeta = {}): Promise<RoleDto> {
			requireManage(actor);
			const data = parseInput(ZUpdateRoleInput, input);
			return orm.em.fork().transactional(async (em) => {
				const before = await load(em, actor, roleId, true);
				if (before.version !== data.version) {
					throw new DomainError('STALE_VERSION', msg('errors.roles.stale'), { details: { current: toDto(before) } });
				}
				if (before.system_key && (data.name !== undefined || data.permissions !== undefined || data.description !== undefined)) {
					throw new DomainError('VALIDATION_FAILED', msg('errors.roles.systemFixed'));
				}
				if (data.name) await nameFree(em, actor, data.name, roleId);
				await em.execute(
					`update role set name = coalesce(?, name), description = coalesce(?, description),
					 permissions = coalesce(?::text[], permissions), mfa_required = coalesce(?, mfa_required), version = version + 1 where id = ?`,
					[
						data.name ?? null,
						data.description ?? null,
						data.permissions ? `{${[...new Set(data.permissions)].sort().join(',')}}` : null,
						data.mfaRequired ?? null,
						roleId
					],
					'run'
				);
				const after = await load(em, actor, roleId);
				await appendAudit(em, { ...auditFor(actor, meta), action: 'role.updated', targetId: roleId, before: toDto(before), after: toDto(after) });
				return toDto(after);
			});
		},

		async remove(actor: Actor, roleId: string, meta: SessionMeta = {}): Promise<void> {
			requireManage(actor);
			await orm.em.fork().transactional(async (em) => {
				const role = await load(em, actor, roleId, true);
				if (role.system_key) throw new DomainError('VALIDATION_FAILED', msg('errors.roles.systemUndeletable'));
				if (role.assigned_users > 0) {
					throw new DomainError('VALIDATION_FAILED', msg('errors.roles.inUse', { count: role.assigned_users }));
				}
				await em.execute('delete from role where id = ?', [roleId], 'run');
				await appendAudit(em, { ...auditFor(actor, meta), action: 'role.deleted', targetId: roleId, before: toDto(role) });
			});
		}
	};
}

export type RoleService = ReturnType<typeof createRoleService>;
