import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logging/logger.ts';
import { openPayload, SWEPT_AT_ONCE, type PayloadSealer } from './outbox.ts';

export interface OutboxRow {
	id: number;
	room: string;
	event: string;
	payload: unknown;
	createdAt: Date;
}

export type Publish = (row: OutboxRow) => void;

const BATCH = 500;

/**
 * The sweep leaves fresh rows to the node that committed them, which publishes them straight
 * from memory; only rows older than this are taken as left behind by a crashed node.
 */
export const SWEEP_GRACE_MS = 2000;

/**
 * Publishes committed outbox rows. The node that committed publishes its rows right after the
 * commit, from memory, then stamps them. A sweep on every node picks up rows that a crashed node
 * left: it claims them with FOR UPDATE SKIP LOCKED, so two sweeps never publish the same row, and
 * stamps them in the same transaction. Activity pings written with audit rows skip the grace
 * period: a repeated one only makes a dashboard refetch. Delivery is at least once (a crash between publish and
 * stamp publishes again), which clients absorb because every event carries a version.
 */
export class OutboxRelay {
	#orm: MikroORM;
	#logger: Logger;
	#sweepMs: number;
	#publish: Publish | undefined;
	#timer: NodeJS.Timeout | undefined;
	#cleanupTimer: NodeJS.Timeout | undefined;
	#running: Promise<void> | undefined;
	#again = false;
	#stamping = new Set<Promise<unknown>>();
	/** Published rows waiting for the next stamp (see publishCommitted). */
	#unstamped: number[] = [];
	#stampQueued = false;
	#stopped = false;
	#lastError = 0;

	readonly #sealer: PayloadSealer | undefined;

	constructor(orm: MikroORM, logger: Logger, sweepMs: number, sealer?: PayloadSealer) {
		this.#sealer = sealer;
		this.#orm = orm;
		this.#logger = logger.child({ component: 'outbox-relay' });
		this.#sweepMs = sweepMs;
	}

	/** Only the realtime publisher calls this; until then rows wait in the table. */
	attach(publish: Publish): void {
		this.#publish = publish;
		this.#stopped = false;
		this.#timer ??= setInterval(() => this.poke(), this.#sweepMs);
		this.#timer.unref();
		this.#cleanupTimer ??= setInterval(() => void this.#cleanup(), 60_000);
		this.#cleanupTimer.unref();
		this.poke();
	}

	poke(): void {
		if (!this.#publish || this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.#drain().finally(() => {
			this.#running = undefined;
			if (this.#again) {
				this.#again = false;
				this.poke();
			}
		});
	}

	/** Publish rows this node has just committed, then stamp them; the sweep covers any failure. */
	publishCommitted(rows: readonly OutboxRow[]): void {
		const publish = this.#publish;
		if (!publish || this.#stopped || !rows.length) return;
		for (const row of rows) publish(row);
		for (const row of rows) this.#unstamped.push(row.id);
		if (this.#stampQueued) return;
		this.#stampQueued = true;
		// Rows published in the same turn of the event loop are stamped by one UPDATE: under load
		// many commits land together, and a statement each would be a round trip each.
		const stamp = new Promise<void>((resolve) => setImmediate(resolve))
			.then(() => {
				this.#stampQueued = false;
				const ids = this.#unstamped.splice(0);
				return this.#orm.em.fork().execute(`update outbox_event set published_at = now() where id in (${ids.join(',')}) and published_at is null`, [], 'run');
			})
			.catch((e: unknown) => this.#logger.warn({ err: e }, 'could not stamp published outbox rows; the sweep will publish them again'))
			.finally(() => this.#stamping.delete(stamp));
		this.#stamping.add(stamp);
	}

	/** Wait for the current drain, then publish whatever is still waiting (used on shutdown). */
	async flush(): Promise<void> {
		await Promise.all(this.#stamping);
		if (this.#running) await this.#running;
		if (this.#publish) await this.#drain(0);
	}

	async stop(): Promise<void> {
		await this.flush().catch(() => undefined);
		this.#stopped = true;
		clearInterval(this.#timer);
		clearInterval(this.#cleanupTimer);
		this.#timer = undefined;
		this.#cleanupTimer = undefined;
	}

	/** Seconds since the oldest unpublished row was written (0 when none waits). */
	async lagSeconds(): Promise<number> {
		const rows = await this.#orm.em
			.fork()
			.execute<{ lag: string | null }[]>(
				'select extract(epoch from (now() - min(created_at))) as lag from outbox_event where published_at is null'
			);
		return Number(rows[0]?.lag ?? 0);
	}

	async #drain(graceMs = SWEEP_GRACE_MS): Promise<void> {
		const publish = this.#publish;
		if (!publish) return;
		try {
			for (;;) {
				const count = await this.#orm.em.fork().transactional(async (em) => {
					const rows = await em.execute<{ id: string; room: string; event: string; payload: unknown; created_at: Date }[]>(
						`select id, room, event, payload, created_at from outbox_event
						 where published_at is null and (created_at < now() - (? * interval '1 millisecond') or event in (${SWEPT_AT_ONCE.map(() => '?').join(',')}))
						 order by id limit ${BATCH} for update skip locked`,
						[graceMs, ...SWEPT_AT_ONCE]
					);
					if (!rows.length) return 0;
					for (const r of rows) {
						publish({ id: Number(r.id), room: r.room, event: r.event, payload: openPayload(this.#sealer, r.room, r.payload), createdAt: r.created_at });
					}
					await em.execute(`update outbox_event set published_at = now() where id in (${rows.map((r) => Number(r.id)).join(',')})`, [], 'run');
					return rows.length;
				});
				if (count < BATCH) return;
			}
		} catch (e) {
			// The database may be briefly away; the sweep retries. Log once every 10 s, not per tick.
			if (Date.now() - this.#lastError > 10_000) {
				this.#lastError = Date.now();
				this.#logger.error({ err: e }, 'outbox relay could not publish; will retry');
			}
		}
	}

	async #cleanup(): Promise<void> {
		try {
			await this.#orm.em
				.fork()
				.execute(
					`delete from outbox_event where id in (select id from outbox_event where published_at < now() - interval '1 hour' limit 5000)`,
					[],
					'run'
				);
		} catch (e) {
			this.#logger.warn({ err: e }, 'outbox cleanup failed; will retry');
		}
	}
}
