import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../support/server.ts';
import { api, login } from '../support/clients.ts';

/** A free port below 32768, as the embedded database requires. */
async function lowPort(): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 12000);
		const free = await new Promise<boolean>((resolve) => {
			const srv = net.createServer();
			srv.once('error', () => resolve(false));
			srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port below 32768');
}

function postmasterPid(dataDir: string): number | null {
	const file = path.join(dataDir, 'postgres', 'postmaster.pid');
	if (!fs.existsSync(file)) return null;
	return Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('embedded PostgreSQL (no DATABASE_URL)', () => {
	it('starts a real PostgreSQL under DATA_DIR, seeds the demo, survives a killed run, and stops on SIGTERM', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-embedded-'));
		fs.chmodSync(dataDir, 0o755);
		const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await lowPort()), SEED_DEMO: 'auto', APP_SECRET: undefined };

		const first = await startServer({ databaseUrl: undefined, env });
		const session = await login(first, 'reception@demo.skinspire.app');
		const ind = session.branch('IND').id;
		const res = await api(first, session)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'kept across restarts' } });
		expect(res.status).toBe(201);
		const pid = postmasterPid(dataDir);
		expect(pid).toBeGreaterThan(0);

		// A killed app leaves its PostgreSQL running; the next start must clear it and carry on.
		await first.kill();
		expect(alive(pid!)).toBe(true);

		const second = await startServer({ databaseUrl: undefined, env });
		const again = await login(second, 'reception@demo.skinspire.app');
		const list = await (await api(second, again)(`/api/v1/branches/${ind}/notices`)).json();
		expect(list.notices.map((n: { message: string }) => n.message)).toContain('kept across restarts');
		const secondPid = postmasterPid(dataDir);
		expect(secondPid).not.toBe(pid);
		expect(alive(pid!)).toBe(false);

		expect(await second.stop()).toBe(0);
		expect(alive(secondPid!)).toBe(false);
	});
});
