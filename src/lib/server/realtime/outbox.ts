import type { EntityManager } from '@mikro-orm/postgresql';
import type { BroadcastEvent, BroadcastPayload } from '../../shared/realtime/events.ts';
import type { OutboxRow } from './outbox-relay.ts';
import { executePrepared, inlinePrepared, type PreparedStatement, type Statement } from '../db/one-round-trip.ts';

/** Control messages for the realtime layer itself (not forwarded to browsers). */
export const CONTROL = {
	disconnectSession: '_control.disconnect'
} as const;

/**
 * Events every node's sweep may publish at once instead of after the grace period: repeating
 * one only makes a screen refetch, so racing the committing node is harmless.
 */
export const SWEPT_AT_ONCE: readonly BroadcastEvent[] = ['activity.changed'];

/** The key under which an encrypted payload is stored in an outbox row. */
export const SEALED = 'sealed';

export interface PayloadSealer {
	seal(room: string, payload: unknown): string;
	open(room: string, sealed: string): unknown;
}

/** A payload as read back from the table: opened if it was stored sealed. */
export function openPayload(sealer: PayloadSealer | undefined, room: string, payload: unknown): unknown {
	if (sealer && payload && typeof payload === 'object' && typeof (payload as Record<string, unknown>)[SEALED] === 'string' && Object.keys(payload).length === 1) {
		return sealer.open(room, (payload as Record<string, string>)[SEALED]!);
	}
	return payload;
}

/**
 * The INSERT of one outbox row: the only place that shapes a row. Prepared once per connection
 * where it goes through runInOneRoundTrip (every booking writes one), inlined for `em.execute`.
 */
const OUTBOX_INSERT: PreparedStatement = { name: 'skinspire_outbox_insert', sql: 'insert into outbox_event (room, event, payload) values ($1::text, $2::text, $3::jsonb) returning id, created_at' };

/**
 * The INSERT of one outbox row, returning `id, created_at`, as a statement, so a transaction sent in
 * one round trip (runInOneRoundTrip) can carry it too.
 */
export function outboxRowStatement<E extends BroadcastEvent>(
	room: string,
	event: E | (typeof CONTROL)[keyof typeof CONTROL],
	payload: BroadcastPayload<E> | Record<string, never>
): Statement {
	return executePrepared(OUTBOX_INSERT, [room, event, JSON.stringify(payload)]);
}

/** Write one outbox row inside the caller's transaction. */
export async function writeOutboxRow<E extends BroadcastEvent>(
	em: EntityManager,
	room: string,
	event: E | (typeof CONTROL)[keyof typeof CONTROL],
	payload: BroadcastPayload<E> | Record<string, never>
): Promise<{ id: number; createdAt: Date }> {
	const [row] = await em.execute<{ id: string; created_at: Date }[]>(inlinePrepared(em.getPlatform(), OUTBOX_INSERT, [room, event, JSON.stringify(payload)]));
	return { id: Number(row!.id), createdAt: row!.created_at };
}

/**
 * The broadcasts one transaction writes to the outbox. Rows are inserted inside the caller's
 * transaction, so they exist only if it commits; after the commit the caller hands the batch to
 * `afterCommit`, and this node publishes the rows at once. If the node dies first, another
 * node's sweep publishes them from the table.
 */
export class OutboxBatch {
	readonly rows: OutboxRow[] = [];

	async broadcast<E extends BroadcastEvent>(em: EntityManager, room: string, event: E, payload: BroadcastPayload<E>): Promise<void> {
		const row = await writeOutboxRow(em, room, event, payload);
		this.rows.push({ ...row, room, event, payload });
	}

	/** A row the caller's transaction wrote with outboxRowStatement (`row` is what it returned): published after the commit like the others. */
	written<E extends BroadcastEvent>(row: { id: string | number; created_at: Date | string }, room: string, event: E, payload: BroadcastPayload<E>): void {
		this.rows.push({ id: Number(row.id), createdAt: new Date(row.created_at), room, event, payload });
	}

	/**
	 * The same, for payloads that carry health data: the table holds them encrypted (the row may
	 * sit there for an hour and appears in every backup), the published event carries them as usual.
	 */
	async broadcastSealed<E extends BroadcastEvent>(em: EntityManager, sealer: PayloadSealer, room: string, event: E, payload: BroadcastPayload<E>): Promise<void> {
		const row = await writeOutboxRow(em, room, event, { [SEALED]: sealer.seal(room, payload) } as never);
		this.rows.push({ ...row, room, event, payload });
	}

	async control(em: EntityManager, room: string, control: (typeof CONTROL)[keyof typeof CONTROL]): Promise<void> {
		const row = await writeOutboxRow(em, room, control, {});
		this.rows.push({ ...row, room, event: control, payload: {} });
	}
}
