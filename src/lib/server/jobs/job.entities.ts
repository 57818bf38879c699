import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Background work that must happen once however many nodes run: a row per job, unique by
 * `dedupeKey` (so planning it twice is harmless), claimed with `FOR UPDATE SKIP LOCKED`.
 */
export const ScheduledJob = defineEntity({
	name: 'ScheduledJob',
	tableName: 'scheduled_job',
	properties: {
		id: p.bigint('number').primary().autoincrement(),
		kind: p.string().length(40),
		/** e.g. `reminder:<appointmentId>:<start epoch ms>` */
		dedupeKey: p.string().length(200).unique(),
		payload: p.json<Record<string, unknown>>(),
		runAt: p.datetime(),
		/** pending | done | failed | skipped */
		status: p.string().length(10).default('pending'),
		attempts: p.integer().default(0),
		lastError: p.string().length(500).nullable(),
		/** The node that ran it, for operators. */
		doneBy: p.string().length(80).nullable(),
		createdAt: p.datetime(),
		finishedAt: p.datetime().nullable()
	},
	indexes: [{ properties: ['status', 'runAt'] }],
	checks: [{ name: 'scheduled_job_status', expression: `status in ('pending', 'done', 'failed', 'skipped')` }]
});
export type ScheduledJob = InferEntity<typeof ScheduledJob>;
