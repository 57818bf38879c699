// `npm run db:seed`: put the demo hospital into DATABASE_URL (or the embedded database).
// Idempotent; refuses a database that holds non-demo data.
import { loadConfig } from '../src/lib/server/config/config.ts';
import { createLogger } from '../src/lib/server/logging/logger.ts';
import { migrate, openDatabase } from '../src/lib/server/db/database.ts';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres.ts';
import { seedDemo } from '../src/lib/server/demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/lib/server/demo/demo-data.ts';

try {
	const config = loadConfig();
	const logger = createLogger(config.logLevel);
	const embedded = config.databaseUrl
		? undefined
		: await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'skinspire', logger });
	const orm = await openDatabase(config.databaseUrl ?? embedded!.url, logger);
	try {
		await migrate(orm);
		const result = await seedDemo(orm);
		if (result.created) {
			console.log(`Demo data added. Sign in with any of these (password ${DEMO_PASSWORD}):`);
			for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(34)} ${u.role.padEnd(11)} ${u.branches.join(', ')}`);
		} else {
			console.log('Demo data is already there; nothing changed.');
		}
	} finally {
		await orm.close(true);
		await embedded?.stop();
	}
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
}
