import { MikroORM } from '@mikro-orm/postgresql';
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

/** Apply every pending migration; returns their names. */
export async function migrate(orm: MikroORM): Promise<string[]> {
	const done = await orm.migrator.up();
	return done.map((m) => m.name);
}
