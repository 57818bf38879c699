import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entities } from './entities.ts';

/** migrations/ at the repository root, wherever this module was loaded from. */
export const MIGRATIONS_DIR = process.env.SKINSPIRE_MIGRATIONS_DIR
	?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');

export function ormConfig(clientUrl: string, options: { poolMax?: number } = {}) {
	return defineConfig({
		clientUrl,
		entities,
		extensions: [Migrator],
		// Work is batched into one explicit transaction per operation; implicit ones cost round trips.
		implicitTransactions: false,
		pool: { min: 0, max: options.poolMax ?? 10 },
		debug: false,
		allowGlobalContext: false,
		migrations: {
			path: MIGRATIONS_DIR,
			pathTs: MIGRATIONS_DIR,
			glob: '!(*.d).{js,ts}',
			tableName: 'mikro_orm_migrations',
			transactional: true,
			allOrNothing: true,
			snapshot: true,
			snapshotName: '.snapshot-skinspire',
			emit: 'ts',
			silent: true
		}
	});
}
