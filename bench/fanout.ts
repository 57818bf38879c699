// `npm run bench:fanout`: time from an API write to the screens, for many sockets spread over
// two app nodes sharing Redis, against a control (a bare Socket.IO broadcast from one process)
// measured in the same run on the same machine. Prints p50/p99 for both, their ratio and the
// delivery count; the last line is one JSON object.
//
//   SOCKETS=2000 ROUNDS=20 npm run bench:fanout
//
// Uses DATABASE_URL (a fresh database is created beside it) or the embedded PostgreSQL, and
// REDIS_URL (default redis://127.0.0.1:6379).
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres.ts';
import { createLogger } from '../src/lib/server/logging/logger.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOCKETS = Number(process.env.SOCKETS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUP = 2;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function waitReady(url: string) {
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* starting */
		}
		await sleep(100);
	}
	throw new Error(`${url} did not become ready`);
}

async function connectAll(urls: { url: string; cookie?: string }[], count: number): Promise<Socket[]> {
	const sockets: Socket[] = [];
	for (let i = 0; i < count; i += 100) {
		const batch = [];
		for (let j = i; j < Math.min(count, i + 100); j++) {
			const target = urls[j % urls.length]!;
			const headers: Record<string, string> = { origin: target.url };
			if (target.cookie) headers.cookie = target.cookie;
			const s = io(target.url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
			sockets.push(s);
			batch.push(
				new Promise<void>((resolve, reject) => {
					s.once('connect', () => resolve());
					s.once('connect_error', reject);
				})
			);
		}
		await Promise.all(batch);
	}
	return sockets;
}

/** Run rounds: trigger(round) starts a broadcast; every socket stamps its arrival time. */
async function measure(sockets: Socket[], event: string, match: (payload: unknown) => number | null, trigger: (round: number) => Promise<void>) {
	const latencies: number[] = [];
	let delivered = 0;
	let t0 = 0;
	let current = -1;
	let received = 0;
	for (const s of sockets) {
		s.on(event, (payload: unknown) => {
			const round = match(payload);
			if (round !== current) return;
			received++;
			if (round >= WARMUP) {
				latencies.push(performance.now() - t0);
				delivered++;
			}
		});
	}
	for (let round = 0; round < ROUNDS + WARMUP; round++) {
		current = round;
		received = 0;
		t0 = performance.now();
		await trigger(round);
		const deadline = Date.now() + 10_000;
		while (received < sockets.length && Date.now() < deadline) await sleep(1);
		await sleep(150);
	}
	latencies.sort((a, b) => a - b);
	return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), delivered, expected: sockets.length * ROUNDS };
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) {
		console.log('building the app first (npm run build)…');
		const b = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('build failed');
	}

	// A database of its own.
	let adminUrl = process.env.DATABASE_URL;
	let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
	if (!adminUrl) {
		embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data', 'bench'), port: 25450, database: 'postgres', logger: createLogger('warn') });
		adminUrl = embedded.url;
	}
	const dbName = `skinspire_bench_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${dbName}`);
	const dbUrl = new URL(adminUrl);
	dbUrl.pathname = `/${dbName}`;

	try {
		// --- control: bare Socket.IO, one process ---
		const controlPort = await freePort();
		const control = fork(path.join(ROOT, 'bench/control-server.ts'), [], { env: { ...process.env, PORT: String(controlPort) }, stdio: 'inherit' });
		children.push(control);
		await new Promise((r) => control.once('message', r));
		const controlUrl = `http://127.0.0.1:${controlPort}`;
		let sockets = await connectAll([{ url: controlUrl }], SOCKETS);
		const filler = 'x'.repeat(250); // about the size of a notice event
		const controlResult = await measure(
			sockets,
			'tick',
			(p) => (p as { round: number }).round,
			async (round) => {
				await fetch(`${controlUrl}/broadcast`, { method: 'POST', body: JSON.stringify({ round, filler, version: 1 }) });
			}
		);
		for (const s of sockets) s.close();
		control.kill('SIGTERM');
		await sleep(300);

		// --- the app: two nodes sharing Redis and PostgreSQL ---
		const nodes = [];
		for (let i = 0; i < 2; i++) {
			const port = await freePort();
			const url = `http://127.0.0.1:${port}`;
			const child = spawn(process.execPath, ['server/index.ts'], {
				cwd: ROOT,
				env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATABASE_URL: dbUrl.toString(), REDIS_URL, SEED_DEMO: 'true', LOG_LEVEL: 'warn', APP_SECRET: randomBytes(32).toString('hex') },
				stdio: ['ignore', 'inherit', 'inherit']
			});
			children.push(child);
			await waitReady(`${url}/readyz`);
			nodes.push(url);
		}
		const emails = ['reception', 'doctor', 'manager', 'pharmacist', 'accountant', 'admin'].map((u) => `${u}@demo.skinspire.app`);
		const sessions: { url: string; cookie: string }[] = [];
		for (let i = 0; i < 12; i++) {
			const url = nodes[i % 2]!;
			const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email: emails[i % emails.length], password: 'skinspire-demo' }) });
			sessions.push({ url, cookie: res.headers.get('set-cookie')!.split(';')[0]! });
		}
		const me = await (await fetch(`${nodes[0]}/api/v1/me`, { headers: { cookie: sessions[0]!.cookie } })).json();
		const branchId = me.branches.find((b: { code: string }) => b.code === 'IND').id;
		sockets = await connectAll(sessions, SOCKETS);
		const poster = sessions[0]!;
		const appResult = await measure(
			sockets,
			'notice.posted',
			(p) => {
				const m = /^bench round (\d+)$/.exec((p as { notice: { message: string } }).notice.message);
				return m ? Number(m[1]) : null;
			},
			async (round) => {
				const res = await fetch(`${poster.url}/api/v1/branches/${branchId}/notices`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: poster.url, cookie: poster.cookie },
					body: JSON.stringify({ message: `bench round ${round}`, expiresInMinutes: 5 })
				});
				if (res.status !== 201) throw new Error(`post failed: ${res.status}`);
			}
		);
		for (const s of sockets) s.close();

		const ratio = appResult.p99 / controlResult.p99;
		const f = (n: number) => n.toFixed(1).padStart(7);
		console.log(`\nfan-out to ${SOCKETS} sockets, ${ROUNDS} rounds (after ${WARMUP} warm-up)`);
		console.log(`                                   p50 ms   p99 ms   delivered`);
		console.log(`app (API write → 2 nodes → screen) ${f(appResult.p50)}  ${f(appResult.p99)}   ${appResult.delivered}/${appResult.expected}`);
		console.log(`control (bare Socket.IO broadcast) ${f(controlResult.p50)}  ${f(controlResult.p99)}   ${controlResult.delivered}/${controlResult.expected}`);
		console.log(`ratio app/control p99: ${ratio.toFixed(2)}`);
		console.log(
			JSON.stringify({
				sockets: SOCKETS,
				rounds: ROUNDS,
				app_p50_ms: +appResult.p50.toFixed(2),
				app_p99_ms: +appResult.p99.toFixed(2),
				control_p50_ms: +controlResult.p50.toFixed(2),
				control_p99_ms: +controlResult.p99.toFixed(2),
				ratio: +ratio.toFixed(3),
				delivered: appResult.delivered,
				expected: appResult.expected,
				control_delivered: controlResult.delivered
			})
		);
	} finally {
		for (const c of children) c.kill('SIGTERM');
		await sleep(1000);
		await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
		await admin.end();
		await embedded?.stop();
	}
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		for (const c of children) c.kill('SIGKILL');
		process.exit(1);
	}
);
