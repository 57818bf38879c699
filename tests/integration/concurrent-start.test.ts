import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { login } from '../support/clients.ts';
import fs from 'node:fs';
import path from 'node:path';

const MIGRATIONS = fs.readdirSync(path.resolve(import.meta.dirname, '../../migrations')).filter((f) => /^Migration.*\.ts$/.test(f)).length;

const servers: TestServer[] = [];
afterAll(async () => {
	await Promise.all(servers.map((s) => s.stop()));
});

describe('replicas starting at the same moment on an empty database', () => {
	it('migrate and seed once between them, and both serve', async () => {
		const databaseUrl = await createDatabase();
		servers.push(...(await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl }), startServer({ databaseUrl })])));
		for (const s of servers) expect((await login(s, 'reception@demo.skinspire.app')).me.branches).toHaveLength(1);
		expect(await query(databaseUrl, 'select count(*)::int as n from hospital')).toEqual([{ n: 1 }]);
		expect(await query(databaseUrl, 'select count(*)::int as n from mikro_orm_migrations')).toEqual([{ n: MIGRATIONS }]);
	});
});
