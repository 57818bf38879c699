// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the embedded database).
import { loadConfig, ConfigError } from '../src/lib/server/config/config.ts';
import { createLogger } from '../src/lib/server/logging/logger.ts';
import { migrate, openDatabase } from '../src/lib/server/db/database.ts';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres.ts';

try {
	const config = loadConfig();
	const logger = createLogger(config.logLevel);
	const embedded = config.databaseUrl
		? undefined
		: await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'skinspire', logger });
	const orm = await openDatabase(config.databaseUrl ?? embedded!.url, logger);
	try {
		const applied = await migrate(orm);
		console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
	} finally {
		await orm.close(true);
		await embedded?.stop();
	}
} catch (e) {
	console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
	process.exit(1);
}
