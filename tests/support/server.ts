import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

export interface TestServer {
	url: string;
	port: number;
	child: ChildProcess;
	/** Everything the process printed so far. */
	output(): string;
	/** Resolves with the exit code (or signal name) once the process has ended. */
	exited: Promise<number | string | null>;
	stop(): Promise<number | string | null>;
	kill(): Promise<number | string | null>;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-the-check-0123456789';
/** Fixed test keys, so a test can look for (the absence of) known plaintext in the database. */
export const TEST_PATIENT_DATA_KEYS = `t1:${Buffer.alloc(32, 0x5a).toString('base64')}`;
export const TEST_PATIENT_INDEX_KEY = Buffer.alloc(32, 0xa5).toString('base64');

/** Start the real production server (`node server/index.ts` on the built handler) for a test. */
export async function startServer(opts: {
	databaseUrl?: string;
	redisUrl?: string | null;
	env?: Record<string, string | undefined>;
	waitForReady?: boolean;
}): Promise<TestServer> {
	// A test that restarts a server on the same address passes its PORT (and ORIGIN) in `env`.
	const port = opts.env?.PORT ? Number(opts.env.PORT) : await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env: Record<string, string | undefined> = {
		...process.env,
		NODE_ENV: 'test',
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: url,
		DATABASE_URL: opts.databaseUrl,
		REDIS_URL: opts.redisUrl ?? undefined,
		// Test files run side by side on one Redis: each database is a deployment of its own (two
		// nodes on one database, as the scale-out tests start, share it; other files never do).
		REDIS_KEY_PREFIX: `skinspire-test:${opts.databaseUrl ? new URL(opts.databaseUrl).pathname.slice(1) : 'embedded'}`,
		APP_SECRET: TEST_SECRET,
		PATIENT_DATA_KEYS: TEST_PATIENT_DATA_KEYS,
		PATIENT_INDEX_KEY: TEST_PATIENT_INDEX_KEY,
		LOG_LEVEL: 'warn',
		OUTBOX_SWEEP_MS: '250',
		// Every test signs in from 127.0.0.1; the rate-limit test sets its own, low limit.
		RATE_LIMIT_SIGN_IN: '100000',
		SEED_DEMO: 'true',
		// Tests start from an empty waiting room (their tokens begin at 001).
		DEMO_QUEUE: 'false',
		// Mail, generated demo secrets and the like stay out of the working tree.
		DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-test-')),
		...opts.env
	};
	for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
	const child = spawn(process.execPath, ['server/index.ts'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
	const server: TestServer = {
		url,
		port,
		child,
		output: () => out,
		exited,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			return exited;
		},
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			return exited;
		}
	};
	if (opts.waitForReady === false) return server;
	const deadline = Date.now() + 60_000;
	let done = false;
	void exited.then(() => (done = true));
	while (Date.now() < deadline) {
		if (done) throw new Error(`server exited before it was ready:\n${out}`);
		try {
			const res = await fetch(`${url}/readyz`);
			if (res.ok) return server;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await server.kill();
	throw new Error(`server did not become ready in 60 s:\n${out}`);
}
