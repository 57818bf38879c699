import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createDatabase, query } from '../support/database.ts';
import { freePort, startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type TestSocket } from '../support/clients.ts';

const redisUrl = inject('redisUrl');
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
	for (const fn of cleanup.reverse()) await fn();
});

function track(server: TestServer) {
	cleanup.push(() => server.kill());
	return server;
}
function trackSocket(socket: TestSocket) {
	cleanup.push(() => socket.close());
	return socket;
}

describe.skipIf(!redisUrl)('two nodes sharing Redis', () => {
	it('a notice posted through node A reaches a client connected to node B', async () => {
		const databaseUrl = await createDatabase();
		const a = track(await startServer({ databaseUrl, redisUrl }));
		const b = track(await startServer({ databaseUrl, redisUrl }));
		const poster = await login(a, 'reception@demo.skinspire.app');
		const onB = trackSocket(await connectSocket(b, await login(b, 'doctor@demo.skinspire.app')));
		const korOnB = trackSocket(await connectSocket(b, await login(b, 'reception2@demo.skinspire.app')));
		const seen = record(onB, 'notice.posted');
		const korSeen = record(korOnB, 'notice.posted');
		const res = await api(a, poster)(`/api/v1/branches/${poster.branch('IND').id}/notices`, { method: 'POST', json: { message: 'From node A' } });
		expect(res.status).toBe(201);
		await waitFor(() => seen.length === 1, 3000, 'delivery on node B');
		expect(seen[0]!.notice.message).toBe('From node A');
		await sleep(300);
		expect(korSeen).toHaveLength(0);
	});

	it('a node killed between commit and publish loses nothing: another node publishes the row', async () => {
		const databaseUrl = await createDatabase();
		const survivor = track(await startServer({ databaseUrl, redisUrl }));
		const doomed = track(await startServer({ databaseUrl, redisUrl, env: { SKINSPIRE_FAULT: 'crash-after-commit' } }));
		const watcher = trackSocket(await connectSocket(survivor, await login(survivor, 'doctor@demo.skinspire.app')));
		const seen = record(watcher, 'notice.posted');
		const poster = await login(doomed, 'reception@demo.skinspire.app');
		const attempt = api(doomed, poster)(`/api/v1/branches/${poster.branch('IND').id}/notices`, { method: 'POST', json: { message: 'Written just before the crash' } });
		await expect(attempt).rejects.toThrow(); // the node died before it could answer
		expect(await doomed.exited).toBe('SIGKILL');
		const rows = await query(databaseUrl, "select published_at from outbox_event where event = 'notice.posted'");
		expect(rows).toHaveLength(1); // committed, and not published by the dead node
		await waitFor(() => seen.length === 1, 5000, 'the surviving node’s sweep to publish it');
		expect(seen[0]!.notice.message).toBe('Written just before the crash');
		const after = await query(databaseUrl, "select published_at from outbox_event where event = 'notice.posted'");
		expect(after[0]!.published_at).not.toBeNull();
	});
});

describe.skipIf(!redisUrl)('Redis outage', () => {
	it('keeps HTTP answering, logs it, and lets screens catch up when Redis returns', async () => {
		const port = await freePort();
		let redis: ChildProcess | undefined;
		const startRedis = async () => {
			redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
			await sleep(300);
		};
		await startRedis();
		cleanup.push(() => redis?.kill('SIGKILL'));
		const privateRedis = `redis://127.0.0.1:${port}`;
		const databaseUrl = await createDatabase();
		const a = track(await startServer({ databaseUrl, redisUrl: privateRedis }));
		const b = track(await startServer({ databaseUrl, redisUrl: privateRedis }));
		const poster = await login(a, 'reception@demo.skinspire.app');
		const localWatcher = trackSocket(await connectSocket(a, await login(a, 'manager@demo.skinspire.app')));
		const remoteWatcher = trackSocket(await connectSocket(b, await login(b, 'doctor@demo.skinspire.app')));
		const local = record(localWatcher, 'notice.posted');
		const remoteResync = record(remoteWatcher, 'system.resync');
		const ind = poster.branch('IND').id;

		redis!.kill('SIGKILL');
		await sleep(500);
		const res = await api(a, poster)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'Posted while Redis was down' } });
		expect(res.status).toBe(201);
		await waitFor(() => local.length === 1, 3000, 'delivery to the same node without Redis');
		const ready = await fetch(`${a.url}/readyz`);
		expect(ready.status).toBe(503);
		expect((await ready.json()).checks).toEqual({ database: 'ok', redis: 'failing' });

		await startRedis();
		await waitFor(() => remoteResync.length > 0, 15000, 'node B to ask its screens to refetch');
		const list = await (await api(b, await login(b, 'doctor@demo.skinspire.app'))(`/api/v1/branches/${ind}/notices`)).json();
		expect(list.notices.map((n: { message: string }) => n.message)).toContain('Posted while Redis was down');
		let readyAgain = false;
		for (let i = 0; i < 50 && !readyAgain; i++) {
			readyAgain = (await fetch(`${a.url}/readyz`)).status === 200;
			if (!readyAgain) await sleep(200);
		}
		expect(readyAgain).toBe(true);
		expect(a.child.exitCode).toBeNull();
		expect(b.child.exitCode).toBeNull();
		expect(a.output() + b.output()).toContain('redis unavailable');
	});
});
