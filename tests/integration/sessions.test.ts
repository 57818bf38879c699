import { describe, expect, it } from 'vitest';
import { query } from '../support/database.ts';
import { useServer } from '../support/fixtures.ts';
import { api, connectSocket, login, waitFor } from '../support/clients.ts';

const env = useServer();

describe('your sessions', () => {
	it('lists my sessions with this one first, and ends the others with their sockets', async () => {
		const phone = await login(env.server, 'doctor@demo.skinspire.app');
		const desk = await login(env.server, 'doctor@demo.skinspire.app');
		const phoneSocket = await connectSocket(env.server, phone);
		const list = await (await api(env.server, desk)('/api/v1/me/sessions', { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0' } })).json();
		expect(list.sessions).toHaveLength(2);
		expect(list.sessions[0].current).toBe(true);
		expect(list.sessions[1].current).toBe(false);

		const res = await api(env.server, desk)('/api/v1/me/sessions/revoke-others', { method: 'POST' });
		expect(await res.json()).toEqual({ ended: 1 });
		expect((await api(env.server, phone)('/api/v1/me')).status).toBe(401);
		await waitFor(() => !phoneSocket.connected, 2000, 'the ended session’s socket to close');
		expect((await api(env.server, desk)('/api/v1/me')).status).toBe(200);
		const audit = await query(env.databaseUrl, "select after from audit_event where action = 'session.revoked'");
		expect(audit).toEqual([{ after: { scope: 'own-others' } }]);
	});

	it('ends one named session of mine, and cannot end someone else’s', async () => {
		const mine = await login(env.server, 'reception@demo.skinspire.app');
		const second = await login(env.server, 'reception@demo.skinspire.app');
		const other = await login(env.server, 'manager@demo.skinspire.app');
		const ids = (await (await api(env.server, mine)('/api/v1/me/sessions')).json()).sessions.map((s: { id: string }) => s.id);
		const secondId = ids.find((id: string) => second.cookie.includes(id));
		const otherId = (await (await api(env.server, other)('/api/v1/me/sessions')).json()).sessions[0].id;
		expect((await api(env.server, mine)(`/api/v1/me/sessions/${otherId}`, { method: 'DELETE' })).status).toBe(404);
		expect((await api(env.server, other)('/api/v1/me')).status).toBe(200);
		expect((await api(env.server, mine)(`/api/v1/me/sessions/${secondId}`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(env.server, second)('/api/v1/me')).status).toBe(401);
		expect((await api(env.server, mine)('/api/v1/me')).status).toBe(200);
	});
});

describe('hospital idle timeout', () => {
	it('applies the hospital’s own idle timeout from the next request', async () => {
		const admin = await login(env.server, 'admin@demo.skinspire.app');
		const desk = await login(env.server, 'accountant@demo.skinspire.app');
		const idle6 = "update session s set last_active_at = now() - interval '6 minutes' from app_user u where u.id = s.user_id and u.email = 'accountant@demo.skinspire.app'";
		await query(env.databaseUrl, idle6);
		expect((await api(env.server, desk)('/api/v1/me')).status).toBe(200); // 6 idle minutes is fine under the default 30
		const settings = await (await api(env.server, admin)('/api/v1/hospital/settings')).json();
		expect(settings).toMatchObject({ sessionIdleMinutes: null, defaultSessionIdleMinutes: 30 });
		expect((await api(env.server, admin)('/api/v1/hospital/settings', { method: 'PATCH', json: { sessionIdleMinutes: 2, version: settings.version } })).status).toBe(400);
		const saved = await (await api(env.server, admin)('/api/v1/hospital/settings', { method: 'PATCH', json: { sessionIdleMinutes: 5, version: settings.version } })).json();
		expect(saved.sessionIdleMinutes).toBe(5);
		await query(env.databaseUrl, idle6);
		expect((await api(env.server, desk)('/api/v1/me')).status).toBe(401);
		const reception = await login(env.server, 'reception@demo.skinspire.app');
		expect((await api(env.server, reception)('/api/v1/hospital/settings')).status).toBe(403);
	});
});

describe('absolute lifetime and cross-site forms', () => {
	it('ends a session at its absolute lifetime however active it is, with its socket', async () => {
		const s = await login(env.server, 'doctor@demo.skinspire.app');
		const socket = await connectSocket(env.server, s);
		await query(env.databaseUrl, "update session set expires_at = now() - interval '1 second', last_active_at = now() where id = $1", [s.cookie.split('=')[1]!.split('.')[0]]);
		expect((await api(env.server, s)('/api/v1/me')).status).toBe(401);
		await waitFor(() => !socket.connected, 2000, 'the expired session’s socket to close');
	});

	it('refuses a form post from another site', async () => {
		const s = await login(env.server, 'manager@demo.skinspire.app');
		const res = await fetch(`${env.server.url}/ind?/post`, {
			method: 'POST',
			headers: { cookie: s.cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'message=from+elsewhere'
		});
		expect(res.status).toBe(403);
		expect(await query(env.databaseUrl, "select 1 from branch_notice where message = 'from elsewhere'")).toHaveLength(0);
	});
});

describe('profile and preferences', () => {
	it('changes name and phone with a version, preferences without one', async () => {
		const s = await login(env.server, 'pharmacist@demo.skinspire.app');
		const call = (json: object) => api(env.server, s)('/api/v1/me/profile', { method: 'PATCH', json });
		const profile = await (await api(env.server, s)('/api/v1/me/profile')).json();
		expect(profile).toMatchObject({ theme: 'system', noticeToasts: true });
		expect((await (await call({ theme: 'dark', noticeToasts: false })).json())).toMatchObject({ theme: 'dark', noticeToasts: false });
		expect((await call({ name: 'Imran A Khan' })).status).toBe(400);
		expect((await call({ name: 'Imran A Khan', version: profile.version })).status).toBe(409);
		const current = await (await api(env.server, s)('/api/v1/me/profile')).json();
		const saved = await (await call({ name: 'Imran A Khan', phone: '9876543210', version: current.version })).json();
		expect(saved).toMatchObject({ name: 'Imran A Khan', phone: '+919876543210' });
		expect((await call({ theme: 'sepia' })).status).toBe(400);
		expect((await call({ email: 'new@example.com' })).status).toBe(400);
		const audit = await query(env.databaseUrl, "select after from audit_event where action = 'user.profile_updated'");
		expect(audit).toEqual([{ after: { name: 'Imran A Khan', phone: '+919876543210' } }]);
	});
});
