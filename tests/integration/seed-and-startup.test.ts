import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, TEST_SECRET } from '../support/server.ts';
import { connectSocket, login, waitFor } from '../support/clients.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function run(script: string, env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [script], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env } as NodeJS.ProcessEnv });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) => resolve({ code, out }));
	});
}

describe('npm run db:seed', () => {
	it('seeds the demo hospital once, and a second run changes nothing', async () => {
		const url = await createDatabase();
		const first = await run('scripts/db-seed.ts', { DATABASE_URL: url });
		expect(first.code).toBe(0);
		expect(first.out).toContain('reception2@demo.skinspire.app');
		const second = await run('scripts/db-seed.ts', { DATABASE_URL: url });
		expect(second.code).toBe(0);
		expect(second.out).toContain('already there');
		const [counts] = await query(url, 'select (select count(*) from hospital)::int as h, (select count(*) from branch)::int as b, (select count(*) from app_user)::int as u');
		expect(counts).toEqual({ h: 1, b: 2, u: 8 });
		const branches = await query(url, 'select name, code from branch order by code');
		expect(branches).toEqual([{ name: 'Indiranagar', code: 'IND' }, { name: 'Koramangala', code: 'KOR' }]);
	});

	it('refuses a database that holds a real hospital, and changes nothing in it', async () => {
		const url = await createDatabase();
		expect((await run('scripts/db-migrate.ts', { DATABASE_URL: url })).code).toBe(0);
		await query(url, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Real Clinic', false, now())");
		const result = await run('scripts/db-seed.ts', { DATABASE_URL: url });
		expect(result.code).toBe(1);
		expect(result.out).toContain('non-demo hospital');
		expect(await query(url, 'select name from hospital')).toEqual([{ name: 'Real Clinic' }]);
		expect(await query(url, 'select 1 from app_user')).toHaveLength(0);
	});

	it('db:migrate on an up-to-date database says so', async () => {
		const url = await createDatabase();
		expect((await run('scripts/db-migrate.ts', { DATABASE_URL: url })).out).toMatch(/Applied \d+ migration/);
		expect((await run('scripts/db-migrate.ts', { DATABASE_URL: url })).out).toContain('up to date');
	});
});

describe('start-up', () => {
	it('names a bad setting and what to set instead, and exits non-zero', async () => {
		const server = await startServer({ databaseUrl: 'mysql://root@localhost/x', env: { EMBEDDED_PG_PORT: '40000' }, waitForReady: false });
		expect(await server.exited).toBe(1);
		expect(server.output()).toContain('DATABASE_URL is not a postgres:// URL');
		expect(server.output()).toContain('EMBEDDED_PG_PORT must be below 32768');
	});

	it('exits with a clear message when the database is unreachable', async () => {
		const server = await startServer({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere', waitForReady: false });
		expect(await server.exited).toBe(1);
		expect(server.output()).toContain('Cannot reach PostgreSQL at 127.0.0.1:1/nowhere');
	});

	it('refuses to start a non-demo database without APP_SECRET', async () => {
		const url = await createDatabase();
		expect((await run('scripts/db-migrate.ts', { DATABASE_URL: url })).code).toBe(0);
		await query(url, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Real Clinic', false, now())");
		const server = await startServer({ databaseUrl: url, env: { APP_SECRET: undefined, SEED_DEMO: 'false' }, waitForReady: false });
		expect(await server.exited).toBe(1);
		expect(server.output()).toContain('APP_SECRET is not set');
	});

	it('refuses to start a non-demo database without the patient-data keys, saying how to make them', async () => {
		const url = await createDatabase();
		expect((await run('scripts/db-migrate.ts', { DATABASE_URL: url })).code).toBe(0);
		await query(url, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Real Clinic', false, now())");
		const server = await startServer({ databaseUrl: url, env: { PATIENT_DATA_KEYS: undefined, PATIENT_INDEX_KEY: undefined, SEED_DEMO: 'false' }, waitForReady: false });
		expect(await server.exited).toBe(1);
		expect(server.output()).toContain('PATIENT_DATA_KEYS is not set. Generate one with');
		expect(server.output()).toContain('PATIENT_INDEX_KEY is not set');
		const wrong = await startServer({ databaseUrl: url, env: { PATIENT_DATA_KEYS: 'k1:tooshort', SEED_DEMO: 'false' }, waitForReady: false });
		expect(await wrong.exited).toBe(1);
		expect(wrong.output()).toContain('PATIENT_DATA_KEYS key k1 must be 32 random bytes');
	});

	it('runs a demo database without APP_SECRET, generating one under DATA_DIR with a warning', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-demo-'));
		const server = await startServer({ databaseUrl: await createDatabase(), env: { APP_SECRET: undefined, PATIENT_DATA_KEYS: undefined, PATIENT_INDEX_KEY: undefined, DATA_DIR: dataDir } });
		try {
			expect(server.output()).toContain('demo mode');
			const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-secrets.json'), 'utf8'));
			expect(stored.appSecret.length).toBeGreaterThanOrEqual(32);
			expect(stored.patientDataKeys).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
			expect(Buffer.from(stored.patientIndexKey, 'base64')).toHaveLength(32);
			const page = await (await fetch(`${server.url}/login`)).text();
			expect(page).toContain('reception@demo.skinspire.app');
		} finally {
			await server.stop();
		}
	});

	it('lists no demo users on the login page of a non-demo database', async () => {
		const url = await createDatabase();
		expect((await run('scripts/db-migrate.ts', { DATABASE_URL: url })).code).toBe(0);
		await query(url, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Real Clinic', false, now())");
		const server = await startServer({ databaseUrl: url, env: { SEED_DEMO: 'false', APP_SECRET: TEST_SECRET } });
		try {
			const page = await (await fetch(`${server.url}/login`)).text();
			expect(page).toContain('Sign in');
			expect(page).not.toContain('demo.skinspire.app');
		} finally {
			await server.stop();
		}
	});

	it('drains on SIGTERM: exits 0 and closes its sockets', async () => {
		const server = await startServer({ databaseUrl: await createDatabase() });
		const socket = await connectSocket(server, await login(server, 'reception@demo.skinspire.app'));
		let reason = '';
		socket.on('disconnect', (r) => (reason = r));
		expect(await server.stop()).toBe(0);
		await waitFor(() => reason !== '', 2000, 'the socket to be closed');
		expect(['io server disconnect', 'transport close']).toContain(reason);
	});
});
