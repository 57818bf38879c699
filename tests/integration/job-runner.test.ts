import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createDatabase, query } from '../support/database.ts';
import { waitFor } from '../support/clients.ts';
import { migrate, openDatabase } from '../../src/lib/server/db/database.ts';
import { createLogger } from '../../src/lib/server/logging/logger.ts';
import { FINISHED_JOB_RETENTION_DAYS, JobRunner, MAX_ATTEMPTS, type JobHandler } from '../../src/lib/server/jobs/job-runner.ts';

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

const addJobs = (kind: string, count: number, payload: object = {}) =>
	query(
		url,
		`insert into scheduled_job (kind, dedupe_key, payload, run_at, created_at)
		 select $1::text, $1::text || ':' || g, $2::jsonb, now() - interval '1 second', now() from generate_series(1, $3::int) g`,
		[kind, JSON.stringify(payload), count]
	);
const jobsOf = (kind: string) =>
	query<{ status: string; attempts: number; done_by: string | null; last_error: string | null; payload: Record<string, unknown>; run_at: Date }>(url, 'select * from scheduled_job where kind = $1 order by id', [kind]);

/** Run rounds until the job of `kind` reaches `status`. */
const runUntil = (runner: JobRunner, kind: string, status: string) =>
	waitFor(
		async () => {
			await runner.runOnce();
			return (await jobsOf(kind))[0]!.status === status;
		},
		10_000,
		`the ${kind} job to be ${status}`
	);

describe('background jobs', () => {
	it('two nodes polling the same table run every job exactly once between them', async () => {
		await addJobs('count', 300);
		const runs = new Map<string, number>();
		const handler: JobHandler = async (job) => {
			runs.set(job.dedupeKey, (runs.get(job.dedupeKey) ?? 0) + 1);
			await new Promise((r) => setTimeout(r, 2)); // a send takes a moment, while the row lock is held
			return { status: 'done' };
		};
		const runners = orms.map((orm, i) => new JobRunner(orm, logger, { pollMs: 20, nodeId: `node-${i}`, handlers: { count: handler } }));
		for (const runner of runners) runner.start();
		await waitFor(async () => (await query(url, "select 1 from scheduled_job where kind = 'count' and status = 'pending'")).length === 0, 20_000, 'every job to run');
		for (const runner of runners) await runner.stop();
		expect(runs.size).toBe(300);
		expect([...runs.values()].every((n) => n === 1)).toBe(true);
		const jobs = await jobsOf('count');
		expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
		// Both nodes took part.
		expect(new Set(jobs.map((j) => j.done_by))).toEqual(new Set(['node-0', 'node-1']));
	});

	it('a job another node holds is left alone until it lets go', async () => {
		await addJobs('held', 1);
		const [job] = await jobsOf('held');
		const other = new pg.Client({ connectionString: url });
		await other.connect();
		await other.query('begin');
		await other.query("select id from scheduled_job where kind = 'held' for update");
		let ran = 0;
		const runner = new JobRunner(orms[0]!, logger, { pollMs: 60_000, handlers: { held: async () => (ran++, { status: 'done' }) } });
		expect((await runner.runOnce()).ran).toBe(0);
		await other.query('commit');
		await other.end();
		expect((await runner.runOnce()).ran).toBe(1);
		expect(ran).toBe(1);
		expect(job!.status).toBe('pending');
		expect((await jobsOf('held'))[0]!.status).toBe('done');
	});

	it('a failing job is retried later and later, keeps what it finished, and fails after five tries', async () => {
		await addJobs('flaky', 1);
		const runner = new JobRunner(orms[0]!, logger, {
			pollMs: 60_000,
			retryBaseMs: 300,
			handlers: {
				flaky: async (job) => {
					// The first step succeeds once and is recorded; the second never does.
					job.payload.firstStep = 'sent';
					throw new Error('the gateway said no');
				}
			}
		});
		await runner.runOnce();
		const [afterOne] = await jobsOf('flaky');
		expect(afterOne).toMatchObject({ status: 'pending', attempts: 1, last_error: 'the gateway said no', payload: { firstStep: 'sent' } });
		expect(new Date(afterOne!.run_at).getTime()).toBeGreaterThan(Date.now() - 1000);
		// Not due again at once: the retry waits.
		expect((await runner.runOnce()).ran).toBe(0);
		await runUntil(runner, 'flaky', 'failed');
		expect((await jobsOf('flaky'))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'the gateway said no' });
	});

	it('does an outside effect at most once: a send that outlived its try is not repeated, a send that failed is', async () => {
		await addJobs('send', 1);
		const effects: string[] = [];
		let releaseHungEmail!: () => void;
		const hungEmail = new Promise<void>((r) => (releaseHungEmail = r));
		let smsFailures = 1;
		const answers: string[] = [];
		const runner = new JobRunner(orms[0]!, logger, {
			pollMs: 60_000,
			retryBaseMs: 100,
			// Long enough for a try's own queries on a busy machine; the hung email waits on a latch, not on time.
			jobTimeoutMs: 2000,
			handlers: {
				send: async (job) => {
					// The first try's email hangs past the try's time limit (an SMTP server that never answers).
					answers.push(`email:${await job.once('email', async () => (effects.push('email'), await hungEmail))}`);
					answers.push(
						`sms:${await job.once('sms', async () => {
							effects.push('sms');
							if (smsFailures-- > 0) throw new Error('the SMS gateway said no');
						})}`
					);
					return { status: 'done' };
				}
			}
		});
		await runUntil(runner, 'send', 'done');
		releaseHungEmail();
		// The email went out once (its try timed out with it in hand, and no retry sent it again); the SMS that failed was sent again.
		expect(effects).toEqual(['email', 'sms', 'sms']);
		expect(answers).toEqual(['email:in-doubt', 'email:in-doubt', 'sms:done']);
		const [job] = await jobsOf('send');
		expect(job).toMatchObject({ status: 'done', attempts: 3, payload: { inDoubt: ['email'] } });
		await waitFor(async () => (await query(url, `select step, state from job_step order by step`)).every((r) => r.state === 'done'), 3000, 'the hung email to be recorded once it finished');
		expect(await query(url, `select step, state from job_step order by step`)).toEqual([
			{ step: 'email', state: 'done' },
			{ step: 'sms', state: 'done' }
		]);
	});

	it('a step a node started and never finished (it died mid-send) is not done again by the next node', async () => {
		await addJobs('orphan', 1);
		const [{ id }] = (await query<{ id: string }>(url, `select id from scheduled_job where kind = 'orphan'`)) as [{ id: string }];
		await query(url, `insert into job_step (job_id, step, state, started_at) values ($1, 'email', 'started', now() - interval '5 minutes')`, [id]);
		const effects: string[] = [];
		const runner = new JobRunner(orms[1]!, logger, {
			pollMs: 60_000,
			handlers: { orphan: async (job) => ((await job.once('email', async () => effects.push('email'))) === 'in-doubt' ? { status: 'skipped', reason: 'email in doubt' } : { status: 'done' }) }
		});
		await runner.runOnce();
		expect(effects).toEqual([]);
		expect((await jobsOf('orphan'))[0]).toMatchObject({ status: 'skipped', last_error: 'email in doubt', payload: { inDoubt: ['email'] } });
	});

	it('records a skip with its reason, and an unknown kind as a failure rather than a crash', async () => {
		await addJobs('moot', 1);
		await addJobs('mystery', 1);
		const runner = new JobRunner(orms[1]!, logger, { pollMs: 60_000, nodeId: 'node-x', handlers: { moot: async () => ({ status: 'skipped', reason: 'appointment is cancelled' }) } });
		await runner.runOnce();
		expect((await jobsOf('moot'))[0]).toMatchObject({ status: 'skipped', last_error: 'appointment is cancelled', done_by: 'node-x' });
		expect((await jobsOf('mystery'))[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'no handler for jobs of kind "mystery"' });
	});

	it('deletes finished jobs after the retention period, never pending ones', async () => {
		await query(
			url,
			`insert into scheduled_job (kind, dedupe_key, payload, run_at, status, created_at, finished_at) values
			 ('old', 'old:done', '{}', now() - interval '60 days', 'done', now() - interval '60 days', now() - make_interval(days => $1::int + 1)),
			 ('old', 'old:recent', '{}', now() - interval '2 days', 'skipped', now() - interval '2 days', now() - interval '2 days'),
			 ('old', 'old:waiting', '{}', now() + interval '1 day', 'pending', now() - interval '60 days', null)`,
			[FINISHED_JOB_RETENTION_DAYS]
		);
		await new JobRunner(orms[0]!, logger, { pollMs: 60_000, handlers: {} }).runOnce();
		expect((await query(url, "select dedupe_key from scheduled_job where kind = 'old' order by dedupe_key")).map((r) => r.dedupe_key)).toEqual(['old:recent', 'old:waiting']);
	});

	it('planners run on every round, and a repeat plan adds nothing', async () => {
		const plan = async (em: Parameters<NonNullable<ConstructorParameters<typeof JobRunner>[2]['planners']>[number]>[0]) =>
			(
				await em.execute<{ id: string }[]>(
					`insert into scheduled_job (kind, dedupe_key, payload, run_at, created_at) values ('planned', 'planned:once', '{}', now(), now())
					 on conflict (dedupe_key) do nothing returning id`
				)
			).length;
		let ran = 0;
		const runners = orms.map((orm) => new JobRunner(orm, logger, { pollMs: 60_000, planners: [plan], handlers: { planned: async () => (ran++, { status: 'done' }) } }));
		const results = await Promise.all(runners.map((r) => r.runOnce()));
		expect(results.map((r) => r.planned).sort()).toEqual([0, 1]);
		expect(ran).toBe(1);
		expect((await runners[0]!.runOnce()).planned).toBe(0);
	});
});
