import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor } from '../support/clients.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ databaseUrl: await createDatabase() });
});
afterAll(async () => {
	await server?.stop();
});

describe('activity dashboard', () => {
	it('counts sign-ins and failures, and pings hospital-wide audit readers only, live', async () => {
		const admin = await login(server, 'admin@demo.skinspire.app');
		const reception = await login(server, 'reception@demo.skinspire.app');
		const adminSocket = await connectSocket(server, admin);
		const receptionSocket = await connectSocket(server, reception);
		const adminPings = record(adminSocket, 'activity.changed');
		const receptionPings = record(receptionSocket, 'activity.changed');
		const before = await (await api(server, admin)('/api/v1/activity')).json();
		expect(before.hours).toHaveLength(24);
		expect(before.activeSessions).toBeGreaterThanOrEqual(2);

		await api(server)('/api/v1/auth/login', { method: 'POST', json: { email: 'doctor@demo.skinspire.app', password: 'wrong' } });
		await waitFor(() => adminPings.some((p) => p.action === 'auth.login_failed'), 3000, 'the admin’s activity ping');
		const after = await (await api(server, admin)('/api/v1/activity')).json();
		const failures = (s: { hours: { failures: number }[] }) => s.hours.reduce((n, h) => n + h.failures, 0);
		expect(failures(after)).toBe(failures(before) + 1);
		await sleep(300);
		expect(receptionPings).toHaveLength(0);
		expect((await api(server, reception)('/api/v1/activity')).status).toBe(403);
		adminSocket.close();
		receptionSocket.close();
	});
});
