// `npm run audit:verify`: check every hospital's audit chain; exit 1 naming the first broken row.
import { withDatabase } from './with-database.ts';
import { verifyChain } from '../src/lib/server/audit/audit.service.ts';

await withDatabase(async (orm) => {
	const chains = await orm.em.fork().execute<{ hospital_id: string | null; name: string | null }[]>(
		'select distinct a.hospital_id, h.name from audit_event a left join hospital h on h.id = a.hospital_id'
	);
	let broken = false;
	for (const c of chains) {
		const report = await verifyChain(orm, c.hospital_id);
		const label = c.name ?? '(events without a hospital)';
		if (report.ok) console.log(`ok      ${label}: ${report.checked} rows`);
		else {
			broken = true;
			console.log(`BROKEN  ${label}: row ${report.brokenAt!.seq} (id ${report.brokenAt!.id}) — ${report.brokenAt!.reason}`);
		}
	}
	if (!chains.length) console.log('No audit events yet.');
	if (broken) process.exitCode = 1;
});
