import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/lib/server/config/config.ts';
import { createLogger } from '../src/lib/server/logging/logger.ts';
import { migrate, openDatabase } from '../src/lib/server/db/database.ts';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres.ts';

/**
 * Run a command-line task against DATABASE_URL (or the embedded database), migrated first.
 * Any error is printed as its message and exits 1.
 */
export async function withDatabase(task: (orm: MikroORM, applied: string[]) => Promise<void>): Promise<void> {
	try {
		const config = loadConfig();
		const logger = createLogger(config.logLevel);
		const embedded = config.databaseUrl
			? undefined
			: await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'skinspire', logger });
		const orm = await openDatabase(config.databaseUrl ?? embedded!.url, logger);
		try {
			await task(orm, await migrate(orm));
		} finally {
			await orm.close(true);
			await embedded?.stop();
		}
	} catch (e) {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	}
}
