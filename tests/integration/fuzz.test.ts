import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDatabase } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, type Session } from '../support/clients.ts';

let server: TestServer;
let admin: Session;
let targets: { method: string; path: string }[];

beforeAll(async () => {
	server = await startServer({ databaseUrl: await createDatabase() });
	admin = await login(server, 'admin@demo.skinspire.app');
	const ind = admin.branch('IND').id;
	const userId = (await (await api(server, admin)('/api/v1/users?q=kavya')).json()).users[0].id;
	const roleId = (await (await api(server, admin)('/api/v1/roles')).json()).roles[0].id;
	const patientId = (await (await api(server, admin)('/api/v1/patients')).json()).items[0].id;
	targets = [
		{ method: 'POST', path: '/api/v1/auth/login' },
		{ method: 'POST', path: `/api/v1/branches/${ind}/notices` },
		{ method: 'POST', path: '/api/v1/users' },
		{ method: 'PATCH', path: `/api/v1/users/${userId}` },
		{ method: 'POST', path: `/api/v1/users/${userId}/roles` },
		{ method: 'POST', path: '/api/v1/roles' },
		{ method: 'PATCH', path: `/api/v1/roles/${roleId}` },
		{ method: 'POST', path: '/api/v1/me/tokens' },
		{ method: 'POST', path: '/api/v1/me/password' },
		{ method: 'POST', path: '/api/v1/me/mfa/totp' },
		{ method: 'POST', path: '/api/v1/me/mfa/totp/confirm' },
		{ method: 'POST', path: '/api/v1/auth/password-reset' },
		{ method: 'POST', path: '/api/v1/auth/password-reset/complete' },
		{ method: 'POST', path: '/api/v1/invitations/accept' },
		{ method: 'POST', path: '/api/v1/patients' },
		{ method: 'PATCH', path: `/api/v1/patients/${patientId}` },
		{ method: 'POST', path: `/api/v1/patients/${patientId}/history` },
		{ method: 'POST', path: '/api/v1/patients/duplicate-check' },
		{ method: 'PATCH', path: '/api/v1/me/profile' }
	];
});
afterAll(async () => {
	await server?.stop();
});

/** Bodies a careless or hostile client sends: wrong types, extra and prototype keys, huge strings. */
const hostileBody = fc.oneof(
	fc.jsonValue(),
	fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'hospitalId', 'id', 'version', 'email', 'name', 'message', 'password', 'roles', 'fullName', 'phone', 'dateOfBirth', 'sex', 'allergies', 'consents', 'emergencyContact', 'language', 'note'), fc.jsonValue()),
	fc.record({ message: fc.string({ minLength: 10_000, maxLength: 60_000 }), name: fc.string({ maxLength: 5 }) }),
	fc.constant('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'),
	fc.string({ maxLength: 200 })
);

describe('fuzzed request bodies', () => {
	it('answer with a client error and a problem document, never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: 1000 }), hostileBody, async (pick, body) => {
				const target = targets[pick % targets.length]!;
				const raw = typeof body === 'string' ? body : JSON.stringify(body);
				const res = await api(server, admin)(target.path, { method: target.method, headers: { 'content-type': 'application/json' }, body: raw });
				expect(res.status, `${target.method} ${target.path} with ${raw.slice(0, 200)}`).toBeLessThan(500);
				if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
				await res.arrayBuffer();
			}),
			{ numRuns: 400 }
		);
		// The session survived all of it.
		expect((await api(server, admin)('/api/v1/me')).status).toBe(200);
	});
});
