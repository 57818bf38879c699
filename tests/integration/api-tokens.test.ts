import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, record, waitFor, type Session, type TestSocket } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let manager: Session;
beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	manager = await login(server, 'manager@demo.skinspire.app');
});
afterAll(async () => {
	await server?.stop();
});

const bearer = (token: string) => (path: string, init: RequestInit & { json?: unknown } = {}) =>
	fetch(`${server.url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${token}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: init.json !== undefined ? JSON.stringify(init.json) : init.body
	});

describe('API tokens', () => {
	it('work as Bearer on /api/v1 within their permissions, never beyond', async () => {
		const created = await api(server, manager)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Front desk tablet', expiresInDays: 30, permissions: ['notices:read'] } });
		expect(created.status).toBe(201);
		const { token, id } = await created.json();
		expect(token).toMatch(/^sst_[a-z2-7]{24}_[a-z2-7]{32}$/);
		const [stored] = await query(databaseUrl, 'select secret_hash from api_token where id = $1', [id]);
		expect(token).not.toContain(stored!.secret_hash);
		const ind = manager.branch('IND').id;
		const call = bearer(token);
		expect((await call('/api/v1/me')).status).toBe(200);
		expect((await call(`/api/v1/branches/${ind}/notices`)).status).toBe(200);
		// The manager may post notices, but this token was not given that.
		expect((await call(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'via token' } })).status).toBe(403);
		// Nor can a token manage the account.
		expect((await call('/api/v1/me/tokens')).status).toBe(403);
		expect((await call('/api/v1/me/sessions')).status).toBe(403);
		const list = await (await api(server, manager)('/api/v1/me/tokens')).json();
		expect(list.tokens.map((t: { name: string }) => t.name)).toEqual(['Front desk tablet']);
	});

	it('refuses a permission the owner lacks, a bad token, and a revoked one (its socket closes)', async () => {
		expect((await api(server, manager)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Too much', expiresInDays: 30, permissions: ['roles:manage'] } })).status).toBe(400);
		expect((await bearer('sst_aaaaaaaaaaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')('/api/v1/me')).status).toBe(401);
		expect((await bearer('nonsense')('/api/v1/me', {})).status).toBe(401);

		const { token, id } = await (await api(server, manager)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Integration', expiresInDays: 1, permissions: ['notices:read'] } })).json();
		const socket: TestSocket = io(server.url, { transports: ['websocket'], auth: { token }, extraHeaders: { origin: server.url }, reconnection: false, forceNew: true });
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		const seen = record(socket, 'notice.posted');
		const ind = manager.branch('IND').id;
		await api(server, manager)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'seen by the integration' } });
		await waitFor(() => seen.length === 1, 3000, 'the token socket to get the branch event');
		expect((await api(server, manager)(`/api/v1/me/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await bearer(token)('/api/v1/me')).status).toBe(401);
		await waitFor(() => !socket.connected, 2000, 'the revoked token’s socket to close');
		const audit = await query(databaseUrl, "select action from audit_event where target_type = 'api-token' order by seq");
		expect(audit.map((r) => r.action)).toEqual(['token.created', 'token.created', 'token.revoked']);
	});

	it('a token without notices:read is kept out of the branch rooms', async () => {
		const { token } = await (await api(server, manager)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Auditor', expiresInDays: 5, permissions: ['audit:read'] } })).json();
		const socket: TestSocket = io(server.url, { transports: ['websocket'], auth: { token }, extraHeaders: { origin: server.url }, reconnection: false, forceNew: true });
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		const seen = record(socket, 'notice.posted');
		await api(server, manager)(`/api/v1/branches/${manager.branch('IND').id}/notices`, { method: 'POST', json: { message: 'not for the auditor token' } });
		await new Promise((r) => setTimeout(r, 1500));
		expect(seen).toHaveLength(0);
		socket.close();
	});

	it('loses what its owner loses', async () => {
		const { token } = await (await api(server, manager)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Reader', expiresInDays: 5, permissions: ['notices:read'] } })).json();
		const ind = manager.branch('IND').id;
		expect((await bearer(token)(`/api/v1/branches/${ind}/notices`)).status).toBe(200);
		await query(databaseUrl, "delete from role_assignment where user_id = (select id from app_user where email = 'manager@demo.skinspire.app')");
		expect((await bearer(token)(`/api/v1/branches/${ind}/notices`)).status).toBe(404);
	});
});
