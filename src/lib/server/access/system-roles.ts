import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM_ROLES } from '../../shared/access/permissions.ts';

/**
 * Give a hospital the system roles it lacks, and keep their permissions in step with the code
 * (a module that adds a permission adds it to the system roles that need it). MFA requirements
 * are the hospital's own choice and are left alone.
 */
export async function ensureSystemRoles(em: EntityManager, hospitalId: string, options: { requireMfaForAdmin: boolean }): Promise<void> {
	for (const [key, role] of Object.entries(SYSTEM_ROLES)) {
		await em.execute(
			`insert into role (id, hospital_id, name, description, system_key, permissions, mfa_required, version, created_at)
			 values (gen_random_uuid(), ?, ?, ?, ?, ?::text[], ?, 1, now())
			 on conflict (hospital_id, system_key) where system_key is not null
			 do update set permissions = excluded.permissions, description = excluded.description,
			   version = role.version + case when role.permissions = excluded.permissions then 0 else 1 end`,
			[hospitalId, role.name, role.description, key, `{${role.permissions.join(',')}}`, key === 'admin' && options.requireMfaForAdmin],
			'run'
		);
	}
}

/**
 * At start-up: every hospital's system roles match the code. A hospital that gets its roles here
 * for the first time requires MFA for Hospital admins, unless it is a demo.
 */
export async function syncSystemRoles(orm: MikroORM): Promise<void> {
	await orm.em.fork().transactional(async (em) => {
		const hospitals = await em.execute<{ id: string; is_demo: boolean }[]>('select id, is_demo from hospital');
		for (const h of hospitals) await ensureSystemRoles(em, h.id, { requireMfaForAdmin: !h.is_demo });
	});
}

/** The id of a hospital's system role. */
export async function systemRoleId(em: EntityManager, hospitalId: string, key: keyof typeof SYSTEM_ROLES): Promise<string> {
	const [row] = await em.execute<{ id: string }[]>('select id from role where hospital_id = ? and system_key = ?', [hospitalId, key]);
	if (!row) throw new Error(`hospital ${hospitalId} has no system role ${key}`);
	return row.id;
}
