import { describe, expect, inject, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { useServer } from '../support/fixtures.ts';
import { startServer } from '../support/server.ts';
import { api, login } from '../support/clients.ts';

const env = useServer();

const attempt = (email: string, password: string) => api(env.server)('/api/v1/auth/login', { method: 'POST', json: { email, password } });

describe('account lockout', () => {
	it('locks after 10 consecutive failures with a clear message, even for the right password, and audits it', async () => {
		for (let i = 0; i < 9; i++) expect((await attempt('pharmacist@demo.skinspire.app', 'wrong')).status).toBe(401);
		const tenth = await attempt('pharmacist@demo.skinspire.app', 'wrong');
		expect(tenth.status).toBe(423);
		expect((await tenth.json()).detail).toMatch(/locked after too many failed sign-ins\. Try again in 15 minutes/);
		const right = await attempt('pharmacist@demo.skinspire.app', 'skinspire-demo');
		expect(right.status).toBe(423);
		expect(right.headers.get('set-cookie')).toBeNull();
		const audit = await query(env.databaseUrl, "select action from audit_event where action in ('auth.locked', 'auth.login_refused_locked')");
		expect(audit.map((r) => r.action)).toEqual(['auth.locked', 'auth.login_refused_locked']);
	});

	it('doubles the next lock, and a success resets the count', async () => {
		await query(env.databaseUrl, "update app_user set locked_until = now() - interval '1 second' where email = 'pharmacist@demo.skinspire.app'");
		for (let i = 0; i < 9; i++) await attempt('pharmacist@demo.skinspire.app', 'wrong');
		expect((await (await attempt('pharmacist@demo.skinspire.app', 'wrong')).json()).detail).toMatch(/Try again in 30 minutes/);
		await query(env.databaseUrl, "update app_user set locked_until = null where email = 'pharmacist@demo.skinspire.app'");
		await login(env.server, 'pharmacist@demo.skinspire.app');
		const [row] = await query(env.databaseUrl, "select failed_attempts, lock_count from app_user where email = 'pharmacist@demo.skinspire.app'");
		expect(row).toEqual({ failed_attempts: 0, lock_count: 0 });
	});

	it('never locks or reveals an unknown email', async () => {
		for (let i = 0; i < 12; i++) {
			const res = await attempt('nobody@example.com', 'wrong');
			expect(res.status).toBe(401);
		}
	});
});

describe('rate limit per address', () => {
	it('answers 429 with Retry-After once an address has used up its sign-in attempts', async () => {
		const limited = await startServer({ databaseUrl: await createDatabase(), env: { RATE_LIMIT_SIGN_IN: '3' } });
		try {
			const call = () => api(limited)('/api/v1/auth/login', { method: 'POST', json: { email: 'doctor@demo.skinspire.app', password: 'wrong' } });
			for (let i = 0; i < 3; i++) expect((await call()).status).toBe(401);
			const res = await call();
			expect(res.status).toBe(429);
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
			expect((await res.json()).detail).toMatch(/Too many attempts from this network/);
		} finally {
			await limited.stop();
		}
	});
});

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('sign-in limits through Redis', () => {
	it('are shared by the nodes of one deployment and by no other deployment on the same Redis', async () => {
		const env = { RATE_LIMIT_SIGN_IN: '3' };
		const clinic = await createDatabase();
		const nodes = [await startServer({ databaseUrl: clinic, redisUrl, env })];
		nodes.push(await startServer({ databaseUrl: clinic, redisUrl, env }));
		const staging = await startServer({ databaseUrl: await createDatabase(), redisUrl, env });
		try {
			const wrong = (server: (typeof nodes)[number]) => api(server)('/api/v1/auth/login', { method: 'POST', json: { email: 'doctor@demo.skinspire.app', password: 'wrong' } });
			expect((await wrong(nodes[0]!)).status).toBe(401);
			expect((await wrong(nodes[1]!)).status).toBe(401);
			expect((await wrong(nodes[0]!)).status).toBe(401);
			// The fourth attempt from this address, on either node of the clinic, is one too many…
			expect((await wrong(nodes[1]!)).status).toBe(429);
			// …while another deployment sharing the Redis (staging, say) counts its own.
			expect((await wrong(staging)).status).toBe(401);
		} finally {
			for (const server of [...nodes, staging]) await server.stop();
		}
	});
});
