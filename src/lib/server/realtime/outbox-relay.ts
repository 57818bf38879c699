import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logging/logger.ts';

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
 * Publishes committed outbox rows. The node that committed pokes it right after the commit; a
 * sweep on every node picks up rows a crashed node left. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so two nodes never publish the same row, and stamped in the same
 * transaction: a crash mid-batch publishes the batch again (at least once), which clients absorb
 * because every event carries a version.
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
	#stopped = false;
	#lastError = 0;

	constructor(orm: MikroORM, logger: Logger, sweepMs: number) {
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

	/** Wait for the current drain, then publish whatever is still waiting (used on shutdown). */
	async flush(): Promise<void> {
		if (this.#running) await this.#running;
		if (this.#publish) await this.#drain();
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

	async #drain(): Promise<void> {
		const publish = this.#publish;
		if (!publish) return;
		try {
			for (;;) {
				const count = await this.#orm.em.fork().transactional(async (em) => {
					const rows = await em.execute<{ id: string; room: string; event: string; payload: unknown; created_at: Date }[]>(
						`select id, room, event, payload, created_at from outbox_event
						 where published_at is null order by id limit ${BATCH} for update skip locked`
					);
					if (!rows.length) return 0;
					for (const r of rows) {
						publish({ id: Number(r.id), room: r.room, event: r.event, payload: r.payload, createdAt: r.created_at });
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
