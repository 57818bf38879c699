import type { EntityManager } from '@mikro-orm/postgresql';
import type { BroadcastEvent, BroadcastPayload } from '../../shared/realtime/events.ts';
import type { OutboxRow } from './outbox-relay.ts';

/** Control messages for the realtime layer itself (not forwarded to browsers). */
export const CONTROL = {
	disconnectSession: '_control.disconnect'
} as const;

/**
 * The broadcasts one transaction writes to the outbox. Rows are inserted inside the caller's
 * transaction, so they exist only if it commits; after the commit the caller hands the batch to
 * `afterCommit`, and this node publishes the rows at once. If the node dies first, another
 * node's sweep publishes them from the table.
 */
export class OutboxBatch {
	readonly rows: OutboxRow[] = [];

	async broadcast<E extends BroadcastEvent>(em: EntityManager, room: string, event: E, payload: BroadcastPayload<E>): Promise<void> {
		await this.#insert(em, room, event, payload);
	}

	async control(em: EntityManager, room: string, control: (typeof CONTROL)[keyof typeof CONTROL]): Promise<void> {
		await this.#insert(em, room, control, {});
	}

	async #insert(em: EntityManager, room: string, event: string, payload: unknown): Promise<void> {
		const [row] = await em.execute<{ id: string; created_at: Date }[]>(
			'insert into outbox_event (room, event, payload) values (?, ?, ?) returning id, created_at',
			[room, event, JSON.stringify(payload)]
		);
		this.rows.push({ id: Number(row!.id), room, event, payload, createdAt: row!.created_at });
	}
}
