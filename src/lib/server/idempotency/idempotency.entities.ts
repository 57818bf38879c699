import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../auth/auth.entities.ts';

/**
 * A request made with an `Idempotency-Key`: a retry with the same key and body gets the first
 * answer again instead of doing the work twice; the same key with another body is refused.
 * Kept for a day.
 */
export const IdempotencyRecord = defineEntity({
	name: 'IdempotencyRecord',
	tableName: 'idempotency_record',
	properties: {
		user: () => p.manyToOne(User).mapToPk().primary().deleteRule('cascade'),
		key: p.string().length(200).primary(),
		/** What the key was used for, e.g. `POST /api/v1/appointments`. */
		scope: p.string().length(200),
		requestHash: p.string().length(64),
		/** Null while the first request is still being answered. */
		status: p.integer().nullable(),
		response: p.text().nullable(),
		createdAt: p.datetime()
	},
	indexes: [{ properties: ['createdAt'] }]
});
export type IdempotencyRecord = InferEntity<typeof IdempotencyRecord>;
