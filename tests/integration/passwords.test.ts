import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, sleep, waitFor, type Session } from '../support/clients.ts';
import { readMail } from '../support/mail.ts';

let server: TestServer;
let databaseUrl: string;
let dataDir: string;
beforeAll(async () => {
	databaseUrl = await createDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-pw-'));
	server = await startServer({ databaseUrl, env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
	await server?.stop();
});

const resetLink = (to: string) => readMail(dataDir).filter((m) => m.to === to).at(-1)?.text.match(/\/reset\/(\S+)/)?.[1];

describe('change password', () => {
	it('asks for the current one, says why a new one is refused, rotates this session and can end the others', async () => {
		const here = await login(server, 'doctor@demo.skinspire.app');
		const there = await login(server, 'doctor@demo.skinspire.app');
		const thereSocket = await connectSocket(server, there);
		const change = (json: object) => api(server, here)('/api/v1/me/password', { method: 'POST', json });
		const wrong = await change({ currentPassword: 'nope', newPassword: 'a quiet walk by the lake' });
		expect((await wrong.json()).errors.currentPassword[0]).toMatch(/not right/);
		const weak = await change({ currentPassword: 'skinspire-demo', newPassword: 'password1234' });
		expect((await weak.json()).errors.newPassword[0]).toMatch(/common/);
		const ok = await change({ currentPassword: 'skinspire-demo', newPassword: 'a quiet walk by the lake', endOtherSessions: true });
		expect(await ok.json()).toEqual({ changed: true, endedOtherSessions: 1 });
		const rotated = { cookie: ok.headers.get('set-cookie')!.split(';')[0]! } as Session;
		expect(rotated.cookie).not.toBe(here.cookie);
		expect((await api(server, rotated)('/api/v1/me')).status).toBe(200);
		expect((await api(server, here)('/api/v1/me')).status).toBe(401);
		expect((await api(server, there)('/api/v1/me')).status).toBe(401);
		await waitFor(() => !thereSocket.connected, 2000, 'the other device’s socket to close');
		await login(server, 'doctor@demo.skinspire.app', 'a quiet walk by the lake');
	});
});

describe('reset by email', () => {
	it('answers the same whether or not the address exists, and mails only a real account', async () => {
		const call = (email: string) => api(server)('/api/v1/auth/password-reset', { method: 'POST', json: { email } });
		const real = await call('reception@demo.skinspire.app');
		const unknown = await call('nobody@example.com');
		expect(real.status).toBe(202);
		expect(unknown.status).toBe(202);
		expect(await real.json()).toEqual(await unknown.json());
		await sleep(200);
		expect(readMail(dataDir).map((m) => m.to)).not.toContain('nobody@example.com');
		expect(resetLink('reception@demo.skinspire.app')).toBeTruthy();
	});

	it('sets a new password once, ends every session, and signs nobody in (so a second factor is still asked at sign-in)', async () => {
		const before = await login(server, 'reception@demo.skinspire.app');
		await api(server)('/api/v1/auth/password-reset', { method: 'POST', json: { email: 'reception@demo.skinspire.app' } });
		await sleep(200);
		const token = resetLink('reception@demo.skinspire.app')!;
		const complete = (password: string) => api(server)('/api/v1/auth/password-reset/complete', { method: 'POST', json: { token, password } });
		expect((await complete('priya-nair-1234')).status).toBe(400);
		expect((await complete('monsoon clouds over the hills')).status).toBe(204);
		expect((await complete('another fine password here')).status).toBe(404);
		expect((await api(server, before)('/api/v1/me')).status).toBe(401);
		// No session was handed out by the reset itself: signing in is still the normal door.
		await login(server, 'reception@demo.skinspire.app', 'monsoon clouds over the hills');
		const [expired] = await query(databaseUrl, "select count(*)::int as n from password_reset r join app_user u on u.id = r.user_id where u.email = 'reception@demo.skinspire.app' and used_at is null");
		expect(expired!.n).toBe(0);
	});

	it('refuses an expired link', async () => {
		await api(server)('/api/v1/auth/password-reset', { method: 'POST', json: { email: 'manager@demo.skinspire.app' } });
		await sleep(200);
		const token = resetLink('manager@demo.skinspire.app')!;
		await query(databaseUrl, "update password_reset set expires_at = now() - interval '1 second' where used_at is null");
		expect((await api(server)('/api/v1/auth/password-reset/complete', { method: 'POST', json: { token, password: 'monsoon clouds over the hills' } })).status).toBe(404);
	});
});
