import type { MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import { hashPassword } from '../auth/password.ts';
import { ensureSystemRoles, systemRoleId } from '../access/system-roles.ts';
import { SYSTEM_ROLES } from '../../shared/access/permissions.ts';
import { DEMO_BRANCHES, DEMO_HOSPITAL_NAME, DEMO_PASSWORD, DEMO_USERS } from './demo-data.ts';

export type SeedResult = { created: true; hospitalId: string } | { created: false; reason: 'already-seeded'; hospitalId: string };

/**
 * Put the demo hospital into the database. Idempotent: a second run changes nothing. Refuses to
 * touch a database that holds any non-demo hospital, so it can never mix with real data.
 */
export async function seedDemo(orm: MikroORM): Promise<SeedResult> {
	return orm.em.fork().transactional(async (em) => {
		// Serialise concurrent seeders (two replicas starting at once).
		await em.execute('select pg_advisory_xact_lock(?)', [7_200_001]);
		const hospitals = await em.execute<{ id: string; is_demo: boolean }[]>('select id, is_demo from hospital');
		if (hospitals.some((h) => !h.is_demo)) {
			throw new DomainError('DEMO_SEED_REFUSED', msg('errors.demo.refused'));
		}
		const existing = hospitals.find((h) => h.is_demo);
		if (existing) return { created: false, reason: 'already-seeded', hospitalId: existing.id };

		const [hospital] = await em.execute<{ id: string }[]>(
			'insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), ?, true, now()) returning id',
			[DEMO_HOSPITAL_NAME]
		);
		const hospitalId = hospital!.id;
		const branchIds: Record<string, string> = {};
		for (const b of DEMO_BRANCHES) {
			const [row] = await em.execute<{ id: string }[]>(
				`insert into branch (id, hospital_id, name, code, time_zone, address, phone, tax_registration_number, opening_hours, created_at)
				 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, now()) returning id`,
				[hospitalId, b.name, b.code, b.timeZone, b.address, b.phone, b.taxRegistrationNumber, JSON.stringify(b.openingHours)]
			);
			branchIds[b.code] = row!.id;
		}
		// The demo starts without the MFA requirement for admins, so the demo sign-ins keep working.
		await ensureSystemRoles(em, hospitalId, { requireMfaForAdmin: false });
		const passwordHash = await hashPassword(DEMO_PASSWORD);
		for (const u of DEMO_USERS) {
			const [row] = await em.execute<{ id: string }[]>(
				`insert into app_user (id, hospital_id, name, email, password_hash, active, created_at)
				 values (gen_random_uuid(), ?, ?, ?, ?, true, now()) returning id`,
				[hospitalId, u.name, u.email, passwordHash]
			);
			const roleId = await systemRoleId(em, hospitalId, u.role);
			// The admin's role is hospital-wide; everyone else works in named branches.
			for (const branchId of u.role === 'admin' ? [null] : u.branches.map((c) => branchIds[c])) {
				await em.execute(
					'insert into role_assignment (id, hospital_id, user_id, role_id, branch_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())',
					[hospitalId, row!.id, roleId, branchId],
					'run'
				);
			}
		}
		return { created: true, hospitalId };
	});
}

export async function isDemoDatabase(orm: MikroORM): Promise<boolean> {
	const rows = await orm.em.fork().execute<{ demo: boolean }[]>('select exists(select 1 from hospital where is_demo) as demo');
	return !!rows[0]?.demo;
}

export async function isEmptyDatabase(orm: MikroORM): Promise<boolean> {
	const rows = await orm.em.fork().execute<{ empty: boolean }[]>('select not exists(select 1 from hospital) as empty');
	return !!rows[0]?.empty;
}

export function demoUserList() {
	return DEMO_USERS.map((u) => ({ email: u.email, name: u.name, role: SYSTEM_ROLES[u.role].name, roleKey: u.role, branches: u.branches }));
}
