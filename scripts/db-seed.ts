// `npm run db:seed`: put the demo hospital into DATABASE_URL (or the embedded database).
// Idempotent; refuses a database that holds non-demo data.
import { withDatabase } from './with-database.ts';
import { seedDemo } from '../src/lib/server/demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/lib/server/demo/demo-data.ts';

await withDatabase(async (orm) => {
	const result = await seedDemo(orm);
	if (result.created) {
		console.log(`Demo data added. Sign in with any of these (password ${DEMO_PASSWORD}):`);
		for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(34)} ${u.role.padEnd(11)} ${u.branches.join(', ')}`);
	} else {
		console.log('Demo data is already there; nothing changed.');
	}
});
