import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, type Session } from '../support/clients.ts';
import { SYSTEM_ROLES, type Permission, type SystemRoleKey } from '../../src/lib/shared/access/permissions.ts';
import { DEMO_USERS } from '../../src/lib/server/demo/demo-data.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';

/**
 * Every seeded role against the API, on records of its own branch, a sibling branch and another
 * hospital: allowed exactly where the permission table says; another hospital is always 404.
 */
let server: TestServer;
let databaseUrl: string;
const sessions = new Map<string, Session>();
const ids: Record<string, string> = {};

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	for (const u of DEMO_USERS) sessions.set(u.email, await login(server, u.email));
	const [h] = await query(databaseUrl, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Other Clinic', true, now()) returning id");
	const [b] = await query(databaseUrl, "insert into branch (id, hospital_id, name, code, time_zone, opening_hours, created_at) values (gen_random_uuid(), $1, 'Elsewhere', 'OTH', 'Asia/Kolkata', '{}', now()) returning id", [h!.id]);
	const [u] = await query(databaseUrl, "insert into app_user (id, hospital_id, name, email, password_hash, active, created_at) values (gen_random_uuid(), $1, 'Other Admin', 'other@elsewhere.test', null, true, now()) returning id", [h!.id]);
	const [r] = await query(databaseUrl, "insert into role (id, hospital_id, name, permissions, created_at) values (gen_random_uuid(), $1, 'Their role', '{notices:read}', now()) returning id", [h!.id]);
	const [n] = await query(
		databaseUrl,
		"insert into branch_notice (id, hospital_id, branch_id, message, posted_by_id, created_at, version) values (gen_random_uuid(), $1, $2, 'their notice', $3, now(), 1) returning id",
		[h!.id, b!.id, u!.id]
	);
	const [pt] = await query(
		databaseUrl,
		"insert into patient (id, hospital_id, mrn, registered_at_branch_id, full_name, sex, created_at, updated_at, version) values (gen_random_uuid(), $1, 'OTH-000001', $2, 'Their Patient', 'female', now(), now(), 1) returning id",
		[h!.id, b!.id]
	);
	ids.otherPatient = pt!.id;
	const admin = sessions.get('admin@demo.skinspire.app')!;
	ids.IND = admin.branch('IND').id;
	ids.KOR = admin.branch('KOR').id;
	ids.OTH = b!.id;
	ids.otherUser = u!.id;
	ids.otherRole = r!.id;
	ids.otherNotice = n!.id;
	ids.ownUser = (await (await api(server, admin)('/api/v1/users?q=reception@')).json()).users[0].id;
	ids.ownPatient = (await (await api(server, admin)('/api/v1/patients')).json()).items[0].id;
	// A patient's portal account for that patient: no roles, only its own record.
	const [hospital] = await query(databaseUrl, 'select hospital_id from patient where id = $1', [ids.ownPatient]);
	await query(
		databaseUrl,
		"insert into app_user (id, hospital_id, name, email, password_hash, active, patient_id, created_at) values (gen_random_uuid(), $1, 'Portal Patient', 'patient@portal.test', $2, true, $3, now())",
		[hospital!.hospital_id, await hashPassword('a patient password 42'), ids.ownPatient]
	);
	sessions.set('patient@portal.test', await login(server, 'patient@portal.test', 'a patient password 42'));
});
afterAll(async () => {
	await server?.stop();
});

/** What the permission table grants a demo user: hospital-wide and per branch. */
function grants(email: string) {
	const u = DEMO_USERS.find((x) => x.email === email)!;
	const perms = SYSTEM_ROLES[u.role as SystemRoleKey].permissions as readonly Permission[];
	const wide = u.role === 'admin';
	return {
		inBranch: (code: 'IND' | 'KOR', p: Permission) => (wide || u.branches.includes(code)) && perms.includes(p),
		hospital: (p: Permission) => wide && perms.includes(p),
		anywhere: (p: Permission) => perms.includes(p),
		inReach: (code: 'IND' | 'KOR') => wide || u.branches.includes(code)
	};
}

type Case = { name: string; method: string; path: () => string; expected: (g: ReturnType<typeof grants>) => number; body?: unknown };

const cases: Case[] = [
	...(['IND', 'KOR'] as const).map((code) => ({
		name: `list notices of ${code}`,
		method: 'GET',
		path: () => `/api/v1/branches/${ids[code]}/notices`,
		expected: (g: ReturnType<typeof grants>) => (!g.inReach(code) ? 404 : g.inBranch(code, 'notices:read') ? 200 : 403)
	})),
	{ name: 'list notices of another hospital', method: 'GET', path: () => `/api/v1/branches/${ids.OTH}/notices`, expected: () => 404 },
	{ name: 'clear a notice of another hospital', method: 'DELETE', path: () => `/api/v1/branches/${ids.OTH}/notices/${ids.otherNotice}`, expected: () => 404 },
	{ name: 'post to another hospital', method: 'POST', path: () => `/api/v1/branches/${ids.OTH}/notices`, body: { message: 'x' }, expected: () => 404 },
	{ name: 'list staff', method: 'GET', path: () => '/api/v1/users', expected: (g) => (g.anywhere('users:read') ? 200 : 403) },
	{
		name: 'open a receptionist of Indiranagar',
		method: 'GET',
		path: () => `/api/v1/users/${ids.ownUser}`,
		expected: (g) => (!g.anywhere('users:read') ? 403 : g.inBranch('IND', 'users:read') ? 200 : 404)
	},
	{ name: 'open a user of another hospital', method: 'GET', path: () => `/api/v1/users/${ids.otherUser}`, expected: (g) => (g.anywhere('users:read') ? 404 : 403) },
	{ name: 'deactivate a user of another hospital', method: 'POST', path: () => `/api/v1/users/${ids.otherUser}/deactivate`, expected: (g) => (g.anywhere('users:manage') ? 404 : 403) },
	{ name: 'list roles', method: 'GET', path: () => '/api/v1/roles', expected: (g) => (g.anywhere('users:read') ? 200 : 403) },
	{ name: 'open a role of another hospital', method: 'GET', path: () => `/api/v1/roles/${ids.otherRole}`, expected: (g) => (g.hospital('roles:manage') ? 404 : 403) },
	{ name: 'edit a role of another hospital', method: 'PATCH', path: () => `/api/v1/roles/${ids.otherRole}`, body: { mfaRequired: true, version: 1 }, expected: (g) => (g.hospital('roles:manage') ? 404 : 403) },
	{ name: 'search patients', method: 'GET', path: () => '/api/v1/patients?q=a', expected: (g) => (g.anywhere('patients:read') ? 200 : 403) },
	{ name: 'open a patient of this hospital', method: 'GET', path: () => `/api/v1/patients/${ids.ownPatient}`, expected: (g) => (g.anywhere('patients:read') ? 200 : 403) },
	{ name: 'open a patient of another hospital', method: 'GET', path: () => `/api/v1/patients/${ids.otherPatient}`, expected: (g) => (g.anywhere('patients:read') ? 404 : 403) },
	{ name: 'read the history of a patient of another hospital', method: 'GET', path: () => `/api/v1/patients/${ids.otherPatient}/history`, expected: (g) => (g.anywhere('patients:read') ? 404 : 403) },
	{ name: 'edit a patient of another hospital', method: 'PATCH', path: () => `/api/v1/patients/${ids.otherPatient}`, body: { fullName: 'Changed', version: 1 }, expected: (g) => (g.anywhere('patients:write') ? 404 : 403) },
	{
		name: 'add history to a patient of another hospital',
		method: 'POST',
		path: () => `/api/v1/patients/${ids.otherPatient}/history`,
		body: { note: 'x' },
		expected: (g) => (g.anywhere('patients:write') ? (g.anywhere('patients:read-sensitive') ? 404 : 403) : 403)
	},
	{ name: 'read the audit trail', method: 'GET', path: () => '/api/v1/audit', expected: (g) => (g.anywhere('audit:read') ? 200 : 403) },
	{ name: 'verify the audit chain', method: 'POST', path: () => '/api/v1/audit/verify', expected: (g) => (g.hospital('audit:read') ? 200 : 403) }
];

/** Pages, fetched as the browser would (no redirects followed). */
const pages: { path: string; expected: (g: ReturnType<typeof grants>) => number }[] = [
	{ path: '/ind', expected: (g) => (!g.inReach('IND') ? 404 : g.inBranch('IND', 'notices:read') ? 200 : 403) },
	{ path: '/kor', expected: (g) => (!g.inReach('KOR') ? 404 : g.inBranch('KOR', 'notices:read') ? 200 : 403) },
	{ path: '/oth', expected: () => 404 },
	{ path: '/ind/users', expected: (g) => (!g.inReach('IND') ? 404 : g.inBranch('IND', 'users:read') ? 200 : 403) },
	{ path: '/ind/users/new', expected: (g) => (!g.anywhere('users:manage') ? 403 : g.inReach('IND') ? 200 : 404) },
	{ path: '/ind/roles', expected: (g) => (!g.anywhere('users:read') ? 403 : g.inReach('IND') ? 200 : 404) },
	{ path: '/ind/roles/new', expected: (g) => (g.hospital('roles:manage') ? 200 : 403) },
	{ path: '/ind/audit', expected: (g) => (!g.inReach('IND') ? 404 : g.inBranch('IND', 'audit:read') ? 200 : 403) },
	{ path: '/ind/activity', expected: (g) => (g.hospital('audit:read') ? 200 : 403) },
	{ path: '/ind/settings', expected: (g) => (g.hospital('settings:manage') ? 200 : 403) },
	{ path: '/ind/account', expected: (g) => (g.inReach('IND') ? 200 : 404) },
	{ path: '/ind/patients', expected: (g) => (!g.inReach('IND') ? 404 : g.inBranch('IND', 'patients:read') ? 200 : 403) },
	{ path: '/ind/patients/new', expected: (g) => (!g.inReach('IND') ? 404 : g.inBranch('IND', 'patients:write') ? 200 : 403) },
	{ path: '/portal', expected: () => 404 }
];

describe('role × route matrix', () => {
	for (const user of DEMO_USERS) {
		it(`${user.role} (${user.email}) opens exactly the pages the table allows`, async () => {
			const session = sessions.get(user.email)!;
			const g = grants(user.email);
			const wrong: string[] = [];
			for (const page of pages) {
				const res = await fetch(`${server.url}${page.path}`, { headers: { cookie: session.cookie }, redirect: 'manual' });
				const want = page.expected(g);
				if (res.status !== want) wrong.push(`${page.path}: got ${res.status}, want ${want}`);
				await res.arrayBuffer();
			}
			expect(wrong).toEqual([]);
		});
	}

	for (const user of DEMO_USERS) {
		it(`${user.role} (${user.email}) reaches exactly what the table allows`, async () => {
			const session = sessions.get(user.email)!;
			const g = grants(user.email);
			const wrong: string[] = [];
			for (const c of cases) {
				const res = await api(server, session)(c.path(), { method: c.method, ...(c.body ? { json: c.body } : {}) });
				const want = c.expected(g);
				if (res.status !== want) wrong.push(`${c.name}: got ${res.status}, want ${want}`);
				await res.arrayBuffer();
			}
			expect(wrong).toEqual([]);
		});
	}

	it('a patient portal account reaches its own record and nothing of the staff side', async () => {
		const patient = sessions.get('patient@portal.test')!;
		const wrong: string[] = [];
		for (const c of cases) {
			const res = await api(server, patient)(c.path(), { method: c.method, ...(c.body ? { json: c.body } : {}) });
			if (res.status !== 403 && res.status !== 404) wrong.push(`${c.name}: got ${res.status}`);
			await res.arrayBuffer();
		}
		for (const page of pages.filter((p) => p.path !== '/portal')) {
			const res = await fetch(`${server.url}${page.path}`, { headers: { cookie: patient.cookie }, redirect: 'manual' });
			if (res.status !== 403 && res.status !== 404) wrong.push(`${page.path}: got ${res.status}`);
			await res.arrayBuffer();
		}
		expect(wrong).toEqual([]);
		const own = await api(server, patient)('/api/v1/portal/me');
		expect(own.status).toBe(200);
		expect((await own.json()).id).toBe(ids.ownPatient);
		expect((await fetch(`${server.url}/portal`, { headers: { cookie: patient.cookie }, redirect: 'manual' })).status).toBe(200);
		expect((await fetch(`${server.url}/`, { headers: { cookie: patient.cookie }, redirect: 'manual' })).headers.get('location')).toBe('/portal');
	});

	it('leaves the other hospital untouched', async () => {
		const [n] = await query(databaseUrl, 'select cleared_at from branch_notice where id = $1', [ids.otherNotice]);
		expect(n!.cleared_at).toBeNull();
		const [r] = await query(databaseUrl, 'select mfa_required from role where id = $1', [ids.otherRole]);
		expect(r!.mfa_required).toBe(false);
		const [u] = await query(databaseUrl, 'select active from app_user where id = $1', [ids.otherUser]);
		expect(u!.active).toBe(true);
	});
});
