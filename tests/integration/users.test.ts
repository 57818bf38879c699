import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, waitFor, type Session } from '../support/clients.ts';
import { invitationLink } from '../support/mail.ts';

let server: TestServer;
let databaseUrl: string;
let dataDir: string;
let admin: Session;
let roles: Record<string, string>;

const call = (who: Session | undefined) => api(server, who);

beforeAll(async () => {
	databaseUrl = await createDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-users-'));
	server = await startServer({ databaseUrl, env: { DATA_DIR: dataDir } });
	admin = await login(server, 'admin@demo.skinspire.app');
	const list = await (await call(admin)('/api/v1/roles')).json();
	roles = Object.fromEntries(list.roles.map((r: { name: string; id: string }) => [r.name, r.id]));
});
afterAll(async () => {
	await server?.stop();
});

describe('the staff list', () => {
	it('searches, filters and sorts, for a hospital-wide admin', async () => {
		const all = await (await call(admin)('/api/v1/users?sort=name')).json();
		expect(all.total).toBe(8);
		expect(all.users.map((u: { name: string }) => u.name)).toEqual([...all.users.map((u: { name: string }) => u.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		const kavya = await (await call(admin)('/api/v1/users?q=kavya')).json();
		expect(kavya.users.map((u: { email: string }) => u.email)).toEqual(['doctor@demo.skinspire.app']);
		const receptionists = await (await call(admin)(`/api/v1/users?roleId=${roles.Receptionist}`)).json();
		expect(receptionists.users.map((u: { email: string }) => u.email).sort()).toEqual(['reception2@demo.skinspire.app', 'reception@demo.skinspire.app']);
		const paged = await (await call(admin)('/api/v1/users?pageSize=3&page=3')).json();
		expect(paged.users).toHaveLength(2);
		expect((await call(admin)('/api/v1/users?sort=shoeSize')).status).toBe(400);
	});

	it('shows a branch manager only the staff of their branch, and refuses a receptionist', async () => {
		const manager = await login(server, 'manager@demo.skinspire.app');
		const seen = (await (await call(manager)('/api/v1/users')).json()).users.map((u: { email: string }) => u.email);
		expect(seen).toContain('reception@demo.skinspire.app');
		expect(seen).not.toContain('reception2@demo.skinspire.app');
		const kor = (await (await call(admin)('/api/v1/users?q=reception2')).json()).users[0].id;
		expect((await call(manager)(`/api/v1/users/${kor}`)).status).toBe(404);
		expect((await call(manager)(`/api/v1/users/${kor}/deactivate`, { method: 'POST' })).status).toBe(403);
		const reception = await login(server, 'reception@demo.skinspire.app');
		expect((await call(reception)('/api/v1/users')).status).toBe(403);
	});
});

describe('invitations', () => {
	it('invites by email; the link sets a password once and signs the person in', async () => {
		const ind = admin.branch('IND').id;
		const res = await call(admin)('/api/v1/users', {
			method: 'POST',
			json: { name: 'Neha Joshi', email: 'Neha@Example.com', phone: '98765 43210', roles: [{ roleId: roles.Receptionist, branchId: ind }] }
		});
		expect(res.status).toBe(201);
		const user = await res.json();
		expect(user).toMatchObject({ email: 'neha@example.com', phone: '+919876543210', status: 'invited' });
		const token = invitationLink(dataDir, 'neha@example.com').split('/invite/')[1]!;
		expect((await call(undefined)('/api/v1/auth/login', { method: 'POST', json: { email: 'neha@example.com', password: 'anything at all' } })).status).toBe(401);

		const weak = await call(undefined)('/api/v1/invitations/accept', { method: 'POST', json: { token, password: 'neha-joshi-2026' } });
		expect(weak.status).toBe(400);
		expect((await weak.json()).errors.password[0]).toMatch(/"neha"/);
		const accepted = await call(undefined)('/api/v1/invitations/accept', { method: 'POST', json: { token, password: 'tea garden under monsoon rain' } });
		expect(accepted.status).toBe(200);
		const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
		const me = await (await call({ cookie } as Session)('/api/v1/me')).json();
		expect(me.user.email).toBe('neha@example.com');
		expect(me.branches.map((b: { code: string }) => b.code)).toEqual(['IND']);
		expect((await call(undefined)('/api/v1/invitations/accept', { method: 'POST', json: { token, password: 'tea garden under monsoon rain' } })).status).toBe(404);
		const audit = await query(databaseUrl, "select action from audit_event where action in ('user.invited', 'user.joined') order by seq");
		expect(audit.map((r) => r.action)).toEqual(['user.invited', 'user.joined']);
	});

	it('refuses a taken email, and fields the client must not set', async () => {
		const taken = await call(admin)('/api/v1/users', { method: 'POST', json: { name: 'X', email: 'doctor@demo.skinspire.app', roles: [{ roleId: roles.Doctor, branchId: null }] } });
		expect(taken.status).toBe(400);
		expect((await taken.json()).errors.email[0]).toMatch(/already exists/);
		for (const extra of [{ hospitalId: '00000000-0000-4000-8000-000000000000' }, { id: '00000000-0000-4000-8000-000000000000' }, { active: false }, { ['__proto__']: { admin: true } }]) {
			const res = await call(admin)('/api/v1/users', {
				method: 'POST',
				body: JSON.stringify({ name: 'Y', email: `y${Math.random()}@example.com`, roles: [{ roleId: roles.Doctor, branchId: null }], ...extra }),
				headers: { 'content-type': 'application/json' }
			});
			expect(res.status).toBe(400);
		}
	});
});

describe('changing people', () => {
	it('keeps edits with a version: a stale save is refused with the newer values', async () => {
		const doctor = (await (await call(admin)('/api/v1/users?q=kavya')).json()).users[0];
		const first = await call(admin)(`/api/v1/users/${doctor.id}`, { method: 'PATCH', json: { name: 'Dr Kavya S Rao', version: doctor.version } });
		expect(first.status).toBe(200);
		const stale = await call(admin)(`/api/v1/users/${doctor.id}`, { method: 'PATCH', json: { name: 'Dr K Rao', version: doctor.version } });
		expect(stale.status).toBe(409);
		expect((await stale.json()).current.name).toBe('Dr Kavya S Rao');
		const mass = await call(admin)(`/api/v1/users/${doctor.id}`, { method: 'PATCH', json: { version: doctor.version + 1, hospitalId: 'x', email: 'evil@example.com' } });
		expect(mass.status).toBe(400);
		const [row] = await query(databaseUrl, 'select email, hospital_id from app_user where id = $1', [doctor.id]);
		expect(row!.email).toBe('doctor@demo.skinspire.app');
	});

	it('deactivating someone ends their sessions and sockets at once; reactivating lets them back in', async () => {
		const pharmacist = await login(server, 'pharmacist@demo.skinspire.app');
		const socket = await connectSocket(server, pharmacist);
		const id = pharmacist.me.user.id;
		const res = await call(admin)(`/api/v1/users/${id}/deactivate`, { method: 'POST' });
		expect((await res.json()).status).toBe('deactivated');
		await waitFor(() => !socket.connected, 2000, 'the deactivated person’s socket to close');
		expect((await call(pharmacist)('/api/v1/me')).status).toBe(401);
		expect((await call(undefined)('/api/v1/auth/login', { method: 'POST', json: { email: 'pharmacist@demo.skinspire.app', password: 'skinspire-demo' } })).status).toBe(401);
		expect((await (await call(admin)(`/api/v1/users/${id}/reactivate`, { method: 'POST' })).json()).status).toBe('active');
		await login(server, 'pharmacist@demo.skinspire.app');
		expect((await call(admin)(`/api/v1/users/${admin.me.user.id}/deactivate`, { method: 'POST' })).status).toBe(400);
	});

	it('unlocks a locked account', async () => {
		await query(databaseUrl, "update app_user set locked_until = now() + interval '15 minutes' where email = 'accountant@demo.skinspire.app'");
		const id = (await (await call(admin)('/api/v1/users?q=accountant')).json()).users[0].id;
		expect((await (await call(admin)(`/api/v1/users/${id}`)).json()).status).toBe('locked');
		expect((await (await call(admin)(`/api/v1/users/${id}/unlock`, { method: 'POST' })).json()).status).toBe('active');
		await login(server, 'accountant@demo.skinspire.app');
	});

	it('grants and removes roles; nobody hands out permissions they lack; the last admin stays', async () => {
		const ind = admin.branch('IND').id;
		const kor = (await (await call(admin)('/api/v1/me')).json()).branches.find((b: { code: string }) => b.code === 'KOR').id;
		const lead = await (
			await call(admin)('/api/v1/roles', { method: 'POST', json: { name: 'Front desk lead', permissions: ['users:read', 'users:manage', 'notices:read', 'notices:post', 'queue:manage'] } })
		).json();
		const doctorId = (await (await call(admin)('/api/v1/users?q=kavya')).json()).users[0].id;
		const granted = await (await call(admin)(`/api/v1/users/${doctorId}/roles`, { method: 'POST', json: { roleId: lead.id, branchId: ind } })).json();
		expect(granted.assignments.map((a: { roleName: string }) => a.roleName).sort()).toEqual(['Doctor', 'Front desk lead']);

		const doctor = await login(server, 'doctor@demo.skinspire.app');
		const accountantId = (await (await call(admin)('/api/v1/users?q=accountant')).json()).users[0].id;
		expect((await call(doctor)(`/api/v1/users/${accountantId}/roles`, { method: 'POST', json: { roleId: roles.Receptionist, branchId: ind } })).status).toBe(200);
		const escalate = await call(doctor)(`/api/v1/users/${accountantId}/roles`, { method: 'POST', json: { roleId: roles['Hospital admin'], branchId: ind } });
		expect(escalate.status).toBe(403);
		expect((await escalate.json()).detail).toMatch(/permissions you do not hold/);
		expect((await call(doctor)(`/api/v1/users/${accountantId}/roles`, { method: 'POST', json: { roleId: roles.Receptionist, branchId: kor } })).status).toBe(403);
		expect((await call(doctor)(`/api/v1/users/${accountantId}/roles`, { method: 'POST', json: { roleId: roles.Receptionist, branchId: null } })).status).toBe(403);

		const adminUser = await (await call(admin)(`/api/v1/users/${admin.me.user.id}`)).json();
		const adminAssignment = adminUser.assignments.find((a: { roleName: string }) => a.roleName === 'Hospital admin').id;
		const last = await call(admin)(`/api/v1/users/${admin.me.user.id}/roles/${adminAssignment}`, { method: 'DELETE' });
		expect(last.status).toBe(400);
		expect((await last.json()).detail).toMatch(/At least one active Hospital admin/);
	});
});

describe('roles', () => {
	it('creates, edits with a version, refuses duplicates and system-role edits, and deletes only unheld custom roles', async () => {
		const created = await call(admin)('/api/v1/roles', { method: 'POST', json: { name: 'Night nurse', permissions: ['notices:read'], copyOf: roles['Nurse / therapist'] } });
		expect(created.status).toBe(201);
		const role = await created.json();
		expect(role.permissions).toEqual(['notices:read']);
		expect((await call(admin)('/api/v1/roles', { method: 'POST', json: { name: 'night NURSE', permissions: [] } })).status).toBe(400);
		expect((await call(admin)('/api/v1/roles', { method: 'POST', json: { name: 'Bad', permissions: ['everything:*'] } })).status).toBe(400);
		const edited = await (await call(admin)(`/api/v1/roles/${role.id}`, { method: 'PATCH', json: { permissions: ['notices:read', 'notices:post'], version: role.version } })).json();
		expect(edited.permissions).toEqual(['notices:post', 'notices:read']);
		expect((await call(admin)(`/api/v1/roles/${role.id}`, { method: 'PATCH', json: { name: 'Late nurse', version: role.version } })).status).toBe(409);
		const system = await call(admin)(`/api/v1/roles/${roles.Doctor}`, { method: 'PATCH', json: { permissions: [], version: 1 } });
		expect(system.status).toBe(400);
		const mfa = await call(admin)(`/api/v1/roles/${roles.Doctor}`, { method: 'PATCH', json: { mfaRequired: true, version: (await (await call(admin)(`/api/v1/roles/${roles.Doctor}`)).json()).version } });
		const mfaBody = await mfa.json();
		expect(mfaBody, JSON.stringify(mfaBody)).toMatchObject({ mfaRequired: true });
		expect((await call(admin)(`/api/v1/roles/${roles.Doctor}`, { method: 'DELETE' })).status).toBe(400);
		expect((await call(admin)(`/api/v1/roles/${role.id}`, { method: 'DELETE' })).status).toBe(204);
		const manager = await login(server, 'manager@demo.skinspire.app');
		expect((await call(manager)('/api/v1/roles', { method: 'POST', json: { name: 'Sneaky', permissions: [] } })).status).toBe(403);
		const audit = await query(databaseUrl, "select action from audit_event where target_type = 'role' order by seq");
		expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['role.created', 'role.updated', 'role.deleted']));
	});
});
