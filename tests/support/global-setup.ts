import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/lib/server/db/embedded-postgres.ts';
import { createLogger } from '../../src/lib/server/logging/logger.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		adminDatabaseUrl: string;
		databasePrefix: string;
		redisUrl: string | null;
	}
}

async function redisReachable(url: string): Promise<boolean> {
	const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 });
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.ping();
		return true;
	} catch {
		return false;
	} finally {
		client.disconnect();
	}
}

async function forgetRedisKeys(url: string, pattern: string): Promise<void> {
	const client = new Redis(url, { maxRetriesPerRequest: 1 });
	client.on('error', () => undefined);
	try {
		for await (const keys of client.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) if (keys.length) await client.unlink(...keys);
	} finally {
		client.disconnect();
	}
}

/**
 * Once per project: a PostgreSQL server to create per-file databases on (TEST_DATABASE_URL, or an
 * embedded one), and a Redis when one is reachable.
 */
export default async function setup(project: TestProject) {
	const root = path.resolve(import.meta.dirname, '../..');
	if (!fs.existsSync(path.join(root, 'build/handler.js'))) {
		throw new Error('No production build: run `npm test` (it builds first) or `npm run build`.');
	}
	const prefix = `sst_${project.name.replace(/\W/g, '')}_`;
	let embedded: EmbeddedDatabase | undefined;
	let adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		embedded = await startEmbeddedPostgres({
			dataDir: path.join(root, '.test-data', project.name),
			port: project.name === 'e2e' ? 25442 : 25441,
			database: 'skinspire_test_admin',
			logger: createLogger('warn')
		});
		adminUrl = embedded.url;
	}
	const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
	const haveRedis = await redisReachable(redisUrl);
	if (!haveRedis) {
		if (process.env.CI) throw new Error(`CI is set but Redis is not reachable at ${redisUrl}; start it or set REDIS_URL.`);
		console.warn(`\n\n!!! Redis is not reachable at ${redisUrl}: tests that need Redis are SKIPPED. Start Redis or set REDIS_URL. !!!\n\n`);
	}
	project.provide('adminDatabaseUrl', adminUrl);
	project.provide('databasePrefix', prefix);
	project.provide('redisUrl', haveRedis ? redisUrl : null);

	return async () => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
			for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
		} finally {
			await client.end();
		}
		await embedded?.stop();
		// Each test database had its own keys and Socket.IO stream in Redis (tests/support/server.ts).
		if (haveRedis) await forgetRedisKeys(redisUrl, `skinspire-test:${prefix}*`);
	};
}
