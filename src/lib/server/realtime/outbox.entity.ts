import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A broadcast waiting to be published, written in the same transaction as the change it
 * describes. The relay publishes committed rows and stamps `publishedAt`.
 */
export const OutboxEvent = defineEntity({
	name: 'OutboxEvent',
	tableName: 'outbox_event',
	properties: {
		id: p.bigint('number').primary().autoincrement(),
		/** Socket.IO room, e.g. branch:<uuid>; events starting with `_` are control messages. */
		room: p.string().length(120),
		event: p.string().length(80),
		payload: p.json<unknown>(),
		createdAt: p.datetime().defaultRaw('now()'),
		publishedAt: p.datetime().nullable()
	},
	indexes: [{ name: 'outbox_event_unpublished_idx', properties: ['id'], where: 'published_at is null' }]
});
export type OutboxEvent = InferEntity<typeof OutboxEvent>;
