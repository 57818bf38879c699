// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the embedded database).
import { withDatabase } from './with-database.ts';

await withDatabase(async (_orm, applied) => {
	console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
});
