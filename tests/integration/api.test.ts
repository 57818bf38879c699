import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, type Session } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let reception: Session;
let reception2: Session;

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	reception = await login(server, 'reception@demo.skinspire.app');
	reception2 = await login(server, 'reception2@demo.skinspire.app');
});
afterAll(async () => {
	await server?.stop();
});

describe('sign-in', () => {
	it('answers 200 with the user and an HttpOnly SameSite=Lax session cookie', async () => {
		const res = await api(server)('/api/v1/auth/login', { method: 'POST', json: { email: 'Doctor@Demo.SkinSpire.app', password: 'skinspire-demo' } });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.user).toMatchObject({ email: 'doctor@demo.skinspire.app', name: 'Dr Kavya Rao' });
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^skinspire_session=[a-z2-7]{24}\.[a-z2-7]{24};/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Lax');
		// Only a hash of the secret is stored.
		const secret = cookie.split(';')[0]!.split('.')[1]!;
		const rows = await query(databaseUrl, 'select secret_hash from session');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.some((r) => r.secret_hash === secret)).toBe(false);
	});

	it('gives a wrong password and an unknown email the same 401 problem, in similar time', async () => {
		const call = api(server);
		const t0 = performance.now();
		const wrong = await call('/api/v1/auth/login', { method: 'POST', json: { email: 'reception@demo.skinspire.app', password: 'not-it' } });
		const t1 = performance.now();
		const unknown = await call('/api/v1/auth/login', { method: 'POST', json: { email: 'nobody@example.com', password: 'not-it' } });
		const t2 = performance.now();
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(wrong.headers.get('content-type')).toContain('application/problem+json');
		const [a, b] = [await wrong.json(), await unknown.json()];
		expect(a.detail).toBe(b.detail);
		expect(a.code).toBe('INVALID_CREDENTIALS');
		expect(wrong.headers.get('set-cookie')).toBeNull();
		// Both verify an argon2id hash; neither returns early.
		expect(t2 - t1).toBeGreaterThan((t1 - t0) * 0.4);
	});

	it('issues a new token at every sign-in', async () => {
		const a = await login(server, 'manager@demo.skinspire.app');
		const b = await login(server, 'manager@demo.skinspire.app');
		expect(a.cookie).not.toBe(b.cookie);
	});

	it('refuses malformed JSON with a 400 problem', async () => {
		const res = await api(server)('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' });
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		expect((await res.json()).code).toBe('MALFORMED_JSON');
	});

	it('names the missing field when the email is not an email', async () => {
		const res = await api(server)('/api/v1/auth/login', { method: 'POST', json: { email: 'reception', password: 'x' } });
		expect(res.status).toBe(400);
		const body = await res.json();
		expect(body.errors.email[0]).toMatch(/email address/);
	});

	it('GET /me returns the user, hospital and branches; without a session it is 401', async () => {
		const res = await api(server, reception)('/api/v1/me');
		expect(res.status).toBe(200);
		const me = await res.json();
		expect(me.user.email).toBe('reception@demo.skinspire.app');
		expect(me.hospital.name).toBe('SkinSpire Clinics');
		expect(me.branches.map((b: { code: string }) => b.code)).toEqual(['IND']);
		expect((await api(server)('/api/v1/me')).status).toBe(401);
		const admin = await login(server, 'admin@demo.skinspire.app');
		expect(admin.me.branches.map((b) => b.name).sort()).toEqual(['Indiranagar', 'Koramangala']);
	});

	it('logout ends the session: the same cookie no longer works', async () => {
		const s = await login(server, 'accountant@demo.skinspire.app');
		expect((await api(server, s)('/api/v1/me')).status).toBe(200);
		expect((await api(server, s)('/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
		expect((await api(server, s)('/api/v1/me')).status).toBe(401);
	});
});

describe('notices API', () => {
	it('posts a notice (201) and lists it for the same branch, not for the other', async () => {
		const ind = reception.branch('IND').id;
		const res = await api(server, reception)(`/api/v1/branches/${ind}/notices`, {
			method: 'POST',
			json: { message: '  Dr Rao is running 20 minutes late  ', expiresInMinutes: 30 }
		});
		expect(res.status).toBe(201);
		const notice = await res.json();
		expect(notice).toMatchObject({ message: 'Dr Rao is running 20 minutes late', branchId: ind, version: 1, postedBy: { name: 'Priya Nair' } });
		expect(Date.parse(notice.expiresAt) - Date.parse(notice.createdAt)).toBe(30 * 60_000);

		const list = await (await api(server, reception)(`/api/v1/branches/${ind}/notices`)).json();
		expect(list.notices.map((n: { id: string }) => n.id)).toContain(notice.id);

		const kor = reception2.branch('KOR').id;
		const other = await (await api(server, reception2)(`/api/v1/branches/${kor}/notices`)).json();
		expect(other.notices.map((n: { id: string }) => n.id)).not.toContain(notice.id);
	});

	it.each([
		['empty', ''],
		['only spaces', '    '],
		['281 characters', 'x'.repeat(281)]
	])('refuses a %s message with 400 naming the field, and stores nothing', async (_label, message) => {
		const ind = reception.branch('IND').id;
		const before = await query(databaseUrl, 'select count(*)::int as n from branch_notice');
		const res = await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message } });
		expect(res.status).toBe(400);
		const body = await res.json();
		expect(body.code).toBe('VALIDATION_FAILED');
		expect(Object.keys(body.errors)).toEqual(['message']);
		expect(body.detail).toContain('message');
		const after = await query(databaseUrl, 'select count(*)::int as n from branch_notice');
		expect(after[0]!.n).toBe(before[0]!.n);
	});

	it('accepts exactly 280 characters', async () => {
		const ind = reception.branch('IND').id;
		const res = await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'y'.repeat(280) } });
		expect(res.status).toBe(201);
	});

	it('answers 404, not 403, for a branch the user is not in, and for a made-up one', async () => {
		const kor = reception2.branch('KOR').id;
		const post = await api(server, reception)(`/api/v1/branches/${kor}/notices`, { method: 'POST', json: { message: 'sneaky' } });
		expect(post.status).toBe(404);
		expect((await api(server, reception)(`/api/v1/branches/${kor}/notices`)).status).toBe(404);
		expect((await api(server, reception)('/api/v1/branches/00000000-0000-4000-8000-000000000000/notices')).status).toBe(404);
		expect((await api(server, reception)('/api/v1/branches/not-a-uuid/notices')).status).toBe(404);
		const rows = await query(databaseUrl, "select 1 from branch_notice where message = 'sneaky'");
		expect(rows).toHaveLength(0);
	});

	it('refuses a data-changing request from a foreign Origin', async () => {
		const ind = reception.branch('IND').id;
		const res = await api(server, reception)(`/api/v1/branches/${ind}/notices`, {
			method: 'POST',
			headers: { origin: 'https://evil.example' },
			json: { message: 'from elsewhere' }
		});
		expect(res.status).toBe(403);
		expect((await res.json()).code).toBe('FOREIGN_ORIGIN');
		expect(await query(databaseUrl, "select 1 from branch_notice where message = 'from elsewhere'")).toHaveLength(0);
	});

	it('lets the poster clear a notice, refuses another receptionist, lets a manager', async () => {
		const ind = reception.branch('IND').id;
		const doctor = await login(server, 'doctor@demo.skinspire.app');
		const manager = await login(server, 'manager@demo.skinspire.app');
		const post = async (who: Session, message: string) =>
			(await (await api(server, who)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message } })).json()) as { id: string };

		const mine = await post(reception, 'Laser room 2 out of service until 3 pm');
		const del = await api(server, reception)(`/api/v1/branches/${ind}/notices/${mine.id}`, { method: 'DELETE' });
		expect(del.status).toBe(200);
		expect(await del.json()).toMatchObject({ version: 2, clearedAt: expect.any(String) });

		const doctors = await post(doctor, 'Back in 10 minutes');
		const refused = await api(server, reception)(`/api/v1/branches/${ind}/notices/${doctors.id}`, { method: 'DELETE' });
		expect(refused.status).toBe(403);
		const byManager = await api(server, manager)(`/api/v1/branches/${ind}/notices/${doctors.id}`, { method: 'DELETE' });
		expect(byManager.status).toBe(200);

		const list = await (await api(server, reception)(`/api/v1/branches/${ind}/notices`)).json();
		const ids = list.notices.map((n: { id: string }) => n.id);
		expect(ids).not.toContain(mine.id);
		expect(ids).not.toContain(doctors.id);
	});

	it('dismissal hides a notice for one user only', async () => {
		const ind = reception.branch('IND').id;
		const doctor = await login(server, 'doctor@demo.skinspire.app');
		const n = (await (await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'Staff meeting at 6' } })).json()) as { id: string };
		expect((await api(server, doctor)(`/api/v1/branches/${ind}/notices/${n.id}/dismissal`, { method: 'PUT' })).status).toBe(204);
		const forDoctor = (await (await api(server, doctor)(`/api/v1/branches/${ind}/notices`)).json()).notices.find((x: { id: string }) => x.id === n.id);
		const forReception = (await (await api(server, reception)(`/api/v1/branches/${ind}/notices`)).json()).notices.find((x: { id: string }) => x.id === n.id);
		expect(forDoctor.dismissed).toBe(true);
		expect(forReception.dismissed).toBe(false);
	});

	it('drops an expired notice from the list', async () => {
		const ind = reception.branch('IND').id;
		const n = (await (await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'short-lived', expiresInMinutes: 1 } })).json()) as { id: string };
		await query(databaseUrl, "update branch_notice set expires_at = now() - interval '1 second' where id = $1", [n.id]);
		const list = await (await api(server, reception)(`/api/v1/branches/${ind}/notices`)).json();
		expect(list.notices.map((x: { id: string }) => x.id)).not.toContain(n.id);
	});
});

describe('documents and operations', () => {
	it('serves an OpenAPI 3.1 document generated from the shared schemas', async () => {
		const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/auth/login', '/auth/logout', '/me', '/branches/{branchId}/notices', '/branches/{branchId}/notices/{id}', '/audit', '/audit/export', '/audit/verify'])
		);
		expect(doc.components.schemas.PostNoticeInput.properties.message.maxLength).toBe(280);
		expect(doc.components.schemas.PostNoticeInput.required).toEqual(['message']);
	});

	it('serves the API docs page and its assets from the npm package', async () => {
		const page = await fetch(`${server.url}/api/docs`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js');
		const bundle = await fetch(`${server.url}/api/docs/swagger-ui-bundle.js`);
		expect(bundle.status).toBe(200);
		expect((await bundle.text()).length).toBeGreaterThan(100_000);
		expect((await fetch(`${server.url}/api/docs/..%2Fpackage.json`)).status).toBe(404);
	});

	it('answers /healthz, /readyz and /metrics', async () => {
		expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
		expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
		const metrics = await (await fetch(`${server.url}/metrics`)).text();
		for (const name of ['skinspire_http_request_duration_seconds', 'skinspire_sockets_connected', 'skinspire_events_published_total', 'skinspire_outbox_lag_seconds']) {
			expect(metrics).toContain(name);
		}
		expect(metrics).toMatch(/skinspire_events_published_total\{event="notice.posted"\} \d+/);
	});

	it('sets security headers and a request id', async () => {
		const res = await fetch(`${server.url}/login`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
		expect(res.headers.get('x-powered-by')).toBeNull();
	});

	it('never writes notice text or passwords into the logs', () => {
		const out = server.output();
		expect(out).not.toContain('Dr Rao is running');
		expect(out).not.toContain('skinspire-demo');
	});
});
