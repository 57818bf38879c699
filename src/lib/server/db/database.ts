import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import { ormConfig } from './orm-config.ts';

export class DatabaseUnreachableError extends Error {}

function describe(url: string): string {
	try {
		const u = new URL(url);
		return `${u.hostname}:${u.port || 5432}${u.pathname}`;
	} catch {
		return 'the configured database';
	}
}

/** Connect and prove the connection with a query (MikroORM 7 connects lazily). */
export async function openDatabase(url: string, logger: Logger, options: { poolMax?: number } = {}): Promise<MikroORM> {
	const orm = await MikroORM.init(ormConfig(url, options));
	try {
		await orm.em.fork().execute('select 1');
	} catch (e) {
		await orm.close(true).catch(() => undefined);
		const reason = e instanceof Error ? ((e as { code?: string }).code ?? e.message) : String(e);
		throw new DatabaseUnreachableError(
			`Cannot reach PostgreSQL at ${describe(url)} (${reason}). Check DATABASE_URL and that the server is running, or unset DATABASE_URL to use the embedded database.`
		);
	}
	logger.debug({ database: describe(url) }, 'database connected');
	return orm;
}

const MIGRATION_LOCK = 7_200_002;

/**
 * Apply every pending migration; returns their names. Replicas starting together take turns
 * through an advisory lock, so only one of them migrates and the others find nothing to do.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
	const lock = new pg.Client({ connectionString: orm.config.get('clientUrl') });
	await lock.connect();
	try {
		await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		const done = await orm.migrator.up();
		return done.map((m) => m.name);
	} finally {
		await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		await lock.end();
	}
}
