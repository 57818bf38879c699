import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, type Session } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let admin: Session;

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	admin = await login(server, 'admin@demo.skinspire.app');
});
afterAll(async () => {
	await server?.stop();
});

const actions = async () => (await query(databaseUrl, 'select action, actor_label, after from audit_event order by id')).map((r) => r);

describe('audit trail', () => {
	it('records sign-ins, failures (known and unknown accounts) and sign-outs', async () => {
		const doctor = await login(server, 'doctor@demo.skinspire.app');
		await api(server)('/api/v1/auth/login', { method: 'POST', json: { email: 'doctor@demo.skinspire.app', password: 'wrong' } });
		await api(server)('/api/v1/auth/login', { method: 'POST', json: { email: 'stranger@example.com', password: 'wrong' } });
		await api(server, doctor)('/api/v1/auth/logout', { method: 'POST' });
		const rows = await actions();
		const doctorRows = rows.filter((r) => r.actor_label === 'Dr Kavya Rao').map((r) => r.action);
		expect(doctorRows).toEqual(['auth.login', 'auth.login_failed', 'auth.logout']);
		const unknown = rows.find((r) => r.action === 'auth.login_failed' && String(r.actor_label).startsWith('unknown account'));
		expect(unknown).toBeDefined();
		expect(JSON.stringify(rows)).not.toContain('stranger@example.com');
		expect(unknown!.after).toEqual({ reason: 'unknown-account' });
	});

	it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
		await expect(query(databaseUrl, "update audit_event set action = 'x'")).rejects.toThrow(/append-only/);
		await expect(query(databaseUrl, 'delete from audit_event')).rejects.toThrow(/append-only/);
		await expect(query(databaseUrl, 'truncate audit_event')).rejects.toThrow(/append-only/);
	});

	it('lists events for a hospital-wide reader, refuses a receptionist, scopes a branch manager', async () => {
		const res = await api(server, admin)('/api/v1/audit?action=auth.&pageSize=5');
		expect(res.status).toBe(200);
		const page = await res.json();
		expect(page.events.length).toBeGreaterThan(0);
		expect(page.events.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
		const reception = await login(server, 'reception@demo.skinspire.app');
		expect((await api(server, reception)('/api/v1/audit')).status).toBe(403);
		const manager = await login(server, 'manager@demo.skinspire.app');
		const scoped = await (await api(server, manager)('/api/v1/audit')).json();
		const ind = manager.branch('IND').id;
		expect(scoped.events.every((e: { branchId: string | null }) => e.branchId === ind)).toBe(true);
		expect((await api(server, manager)('/api/v1/audit/verify', { method: 'POST' })).status).toBe(403);
		expect((await api(server, admin)('/api/v1/audit?from=yesterday')).status).toBe(400);
	});

	it('exports CSV and records the export', async () => {
		const res = await api(server, admin)('/api/v1/audit/export?action=auth.');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="skinspire-audit-/);
		const csv = await res.text();
		expect(csv.split('\r\n')[0]).toBe('seq,occurred_at,actor,actor_user_id,action,branch_id,target_type,target_id,before,after,ip,user_agent,hash');
		expect(csv).toContain('"auth.login"');
		const last = (await actions()).at(-1)!;
		expect(last.action).toBe('audit.exported');
	});

	it('verifies an intact chain, and names exactly the row someone altered', async () => {
		const intact = await (await api(server, admin)('/api/v1/audit/verify', { method: 'POST' })).json();
		expect(intact.ok).toBe(true);
		expect(intact.checked).toBeGreaterThan(3);

		const [victim] = await query(databaseUrl, "select id, seq from audit_event where action = 'auth.login_failed' and hospital_id is not null order by seq limit 1");
		// Someone with superuser rights disables triggers for their session and edits history.
		await query(databaseUrl, `set session_replication_role = replica; update audit_event set after = '{"reason":"nothing happened"}' where id = ${victim!.id}`);
		const report = await (await api(server, admin)('/api/v1/audit/verify', { method: 'POST' })).json();
		expect(report.ok).toBe(false);
		expect(report.brokenAt).toMatchObject({ id: Number(victim!.id), seq: Number(victim!.seq), reason: 'its content does not match its hash' });

		const cli = spawnSync(process.execPath, ['scripts/audit-verify.ts'], {
			cwd: path.resolve(import.meta.dirname, '../..'),
			env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
			encoding: 'utf8'
		});
		expect(cli.status).toBe(1);
		expect(cli.stdout).toContain(`BROKEN  SkinSpire Clinics: row ${victim!.seq} (id ${victim!.id})`);
	});
});
