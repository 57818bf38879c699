import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createDatabase, query } from '../support/database.ts';
import { migrate, openDatabase } from '../../src/lib/server/db/database.ts';
import { createLogger } from '../../src/lib/server/logging/logger.ts';
import { OutboxRelay, SWEEP_GRACE_MS } from '../../src/lib/server/realtime/outbox-relay.ts';
import { OutboxBatch } from '../../src/lib/server/realtime/outbox.ts';
import { waitFor } from '../support/clients.ts';

const logger = createLogger('silent');
let url: string;
let orms: MikroORM[];

beforeAll(async () => {
	url = await createDatabase();
	orms = [await openDatabase(url, logger), await openDatabase(url, logger)];
	await migrate(orms[0]!);
});
afterAll(async () => {
	for (const orm of orms ?? []) await orm.close(true);
});

describe('outbox relay', () => {
	it('two sweeping nodes publish every left-behind row exactly once between them', async () => {
		await query(
			url,
			`insert into outbox_event (room, event, payload, created_at)
			 select 'branch:x', 'notice.posted', jsonb_build_object('n', g), now() - interval '1 minute' from generate_series(1, 1500) g`
		);
		const published = new Map<number, number>();
		const relays = orms.map((orm) => new OutboxRelay(orm, logger, 20));
		for (const relay of relays) relay.attach((row) => published.set(row.id, (published.get(row.id) ?? 0) + 1));
		await waitFor(() => published.size === 1500, 10_000, 'all rows to be published');
		for (const relay of relays) await relay.stop();
		expect([...published.values()].every((n) => n === 1)).toBe(true);
		const [{ waiting }] = (await query(url, 'select count(*)::int as waiting from outbox_event where published_at is null')) as [{ waiting: number }];
		expect(waiting).toBe(0);
	});

	it('publishes a committed batch at once and leaves fresh rows of other nodes alone', async () => {
		const mine = new OutboxRelay(orms[0]!, logger, 20);
		const other = new OutboxRelay(orms[1]!, logger, 20);
		const seenByMine: number[] = [];
		const seenByOther: number[] = [];
		mine.attach((row) => seenByMine.push(row.id));
		other.attach((row) => seenByOther.push(row.id));
		const batch = new OutboxBatch();
		await orms[0]!.em.fork().transactional(async (em) => {
			await batch.broadcast(em, 'branch:y', 'system.resync', { reason: 'test' });
		});
		mine.publishCommitted(batch.rows);
		expect(seenByMine).toEqual([batch.rows[0]!.id]);
		await new Promise((r) => setTimeout(r, 300));
		expect(seenByOther).toEqual([]); // still inside the grace period, and already stamped
		await mine.stop();
		await other.stop();
		const [row] = await query(url, 'select published_at from outbox_event where id = $1', [batch.rows[0]!.id]);
		expect(row!.published_at).not.toBeNull();
		expect(SWEEP_GRACE_MS).toBeGreaterThan(300);
	});

	it('a rolled-back transaction leaves nothing to publish', async () => {
		const batch = new OutboxBatch();
		await expect(
			orms[0]!.em.fork().transactional(async (em) => {
				await batch.broadcast(em, 'branch:z', 'system.resync', { reason: 'never' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await query(url, "select 1 from outbox_event where room = 'branch:z'")).toHaveLength(0);
	});
});
