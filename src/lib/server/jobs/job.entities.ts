import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Background work that must happen once however many nodes run: a row per job, unique by
 * `dedupeKey` (so planning it twice is harmless), claimed with `FOR NO KEY UPDATE SKIP LOCKED`.
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

/**
 * One outside effect of a job (an email, a text message), recorded before it is attempted and
 * in a transaction of its own, so that a retry after a timeout or a crash knows it may already
 * have happened: `started` and never `done` means in doubt, and it is not repeated. A clean
 * failure removes the row, so the retry tries again.
 */
export const JobStep = defineEntity({
	name: 'JobStep',
	tableName: 'job_step',
	properties: {
		job: () => p.manyToOne(ScheduledJob).primary().mapToPk().deleteRule('cascade'),
		step: p.string().length(40).primary(),
		/** started | done */
		state: p.string().length(10),
		startedAt: p.datetime(),
		finishedAt: p.datetime().nullable()
	},
	checks: [{ name: 'job_step_state', expression: `state in ('started', 'done')` }]
});
export type JobStep = InferEntity<typeof JobStep>;
