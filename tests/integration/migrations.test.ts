import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createDatabase, query } from '../support/database.ts';
import { migrate, openDatabase } from '../../src/lib/server/db/database.ts';
import { createLogger } from '../../src/lib/server/logging/logger.ts';
import { syncSystemRoles } from '../../src/lib/server/access/system-roles.ts';

let url: string;
let orm: MikroORM;
beforeAll(async () => {
	url = await createDatabase();
	orm = await openDatabase(url, createLogger('silent'));
});
afterAll(async () => {
	await orm?.close(true);
});

describe('migrations', () => {
	it('turn the first release’s branch memberships into role assignments', async () => {
		await orm.migrator.up({ to: 'Migration20261126071112' });
		await query(
			url,
			`insert into hospital (id, name, is_demo, created_at) values ('aaaaaaaa-0000-4000-8000-000000000001', 'Clinic', false, now());
			 insert into branch (id, hospital_id, name, code, time_zone, opening_hours, created_at) values
			   ('bbbbbbbb-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'North', 'NTH', 'Asia/Kolkata', '{}', now()),
			   ('bbbbbbbb-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'South', 'STH', 'Asia/Kolkata', '{}', now());
			 insert into app_user (id, hospital_id, name, email, password_hash, active, created_at) values
			   ('cccccccc-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Admin', 'a@x.test', 'h', true, now()),
			   ('cccccccc-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'Desk', 'd@x.test', 'h', true, now());
			 insert into branch_membership (id, hospital_id, user_id, branch_id, role) values
			   (gen_random_uuid(), 'aaaaaaaa-0000-4000-8000-000000000001', 'cccccccc-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000001', 'admin'),
			   (gen_random_uuid(), 'aaaaaaaa-0000-4000-8000-000000000001', 'cccccccc-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002', 'admin'),
			   (gen_random_uuid(), 'aaaaaaaa-0000-4000-8000-000000000001', 'cccccccc-0000-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'reception');`
		);
		await migrate(orm);
		const roles = await query(url, 'select system_key from role order by system_key');
		expect(roles.map((r) => r.system_key)).toEqual(['accountant', 'admin', 'doctor', 'manager', 'nurse', 'pharmacist', 'reception']);
		const assignments = await query(
			url,
			`select u.email, r.system_key, b.code from role_assignment a join app_user u on u.id = a.user_id
			 join role r on r.id = a.role_id left join branch b on b.id = a.branch_id order by u.email`
		);
		expect(assignments).toEqual([
			{ email: 'a@x.test', system_key: 'admin', code: null },
			{ email: 'd@x.test', system_key: 'reception', code: 'STH' }
		]);
		expect(await query(url, "select 1 from pg_tables where tablename = 'branch_membership'")).toHaveLength(0);
	});

	it('refuse to assign the same role twice in the same place', async () => {
		const dup = query(
			url,
			`insert into role_assignment (id, hospital_id, user_id, role_id, branch_id, created_at)
			 select gen_random_uuid(), hospital_id, user_id, role_id, branch_id, now() from role_assignment limit 1`
		);
		await expect(dup).rejects.toThrow(/role_assignment_once/);
	});

	it('give a new real hospital its system roles with MFA required for Hospital admin; a demo one without', async () => {
		await query(
			url,
			`insert into hospital (id, name, is_demo, created_at) values
			   ('aaaaaaaa-0000-4000-8000-000000000002', 'New Clinic', false, now()),
			   ('aaaaaaaa-0000-4000-8000-000000000003', 'Demo Clinic', true, now())`
		);
		await syncSystemRoles(orm);
		const rows = await query(url, "select h.name, r.mfa_required from role r join hospital h on h.id = r.hospital_id where r.system_key = 'admin' and h.name in ('New Clinic', 'Demo Clinic') order by h.name");
		expect(rows).toEqual([
			{ name: 'Demo Clinic', mfa_required: false },
			{ name: 'New Clinic', mfa_required: true }
		]);
		// A hospital's own choice survives the next start.
		await query(url, "update role set mfa_required = false where hospital_id = 'aaaaaaaa-0000-4000-8000-000000000002' and system_key = 'admin'");
		await syncSystemRoles(orm);
		const [again] = await query(url, "select mfa_required from role where hospital_id = 'aaaaaaaa-0000-4000-8000-000000000002' and system_key = 'admin'");
		expect(again!.mfa_required).toBe(false);
	});
});
