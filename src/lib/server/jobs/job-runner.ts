import os from 'node:os';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logging/logger.ts';

/** A job this node holds the row lock of while it runs. */
export interface ClaimedJob {
	id: number;
	kind: string;
	dedupeKey: string;
	/**
	 * The job's data. A handler may record progress in it (e.g. which messages already went out):
	 * the runner writes it back whatever the outcome, so a retry does not repeat finished steps.
	 */
	payload: Record<string, unknown>;
	/** Runs before this one (0 on the first). */
	attempts: number;
	/**
	 * Do an outside effect (send an email, a text message) at most once for this job, whatever
	 * happens to this try: the step is recorded as started, in a transaction of its own, before
	 * `effect` runs, and as done after. A step a try started and never finished (it timed out, or
	 * its node died) may have happened: it is not repeated, and answers `in-doubt` (also listed in
	 * the payload's `inDoubt`, for operators). A step whose effect threw is forgotten, so a retry
	 * does it again. Answers `done` when this try did it, `already` when an earlier try had.
	 */
	once(step: string, effect: () => Promise<unknown>): Promise<'done' | 'already' | 'in-doubt'>;
}

/** `skipped`: nothing needed doing any more (the appointment was cancelled, say); the reason is kept for operators. */
export type JobOutcome = { status: 'done' } | { status: 'skipped'; reason: string };
export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;

/**
 * Inserts the jobs that have become due to plan, with `on conflict (dedupe_key) do nothing`: it
 * runs on every node at every poll, and the unique key makes a repeat harmless. Returns how many
 * it inserted.
 */
export type JobPlanner = (em: EntityManager) => Promise<number>;

/** A failing job is tried this many times in all, then marked failed. */
export const MAX_ATTEMPTS = 5;
/** A handler that has not finished by then counts as failed (its lock is released for a retry). */
const DEFAULT_JOB_TIMEOUT_MS = 60_000;
/** Jobs one node runs per poll at most, so a backlog cannot keep a node from stopping promptly. */
const JOBS_PER_POLL = 200;

/**
 * Finished jobs are kept this long for operators, then deleted. Longer than any lead time a
 * planner looks ahead (reminders: 14 days at most), so a deleted key is never planned again.
 */
export const FINISHED_JOB_RETENTION_DAYS = 30;
const CLEANUP_EVERY_MS = 3_600_000;

/** Wait before try n+1 after n failures: base, 2×, 4×, 8× … capped at 30 minutes. */
export function retryDelayMs(failures: number, baseMs: number): number {
	return Math.min(baseMs * 2 ** Math.max(0, failures - 1), 30 * 60_000);
}

/** Who ran a job, for operators: host and process. */
export function defaultNodeId(): string {
	return `${os.hostname()}:${process.pid}`.slice(0, 80);
}

export interface JobRunnerOptions {
	pollMs: number;
	handlers: Record<string, JobHandler>;
	planners?: JobPlanner[];
	nodeId?: string;
	/** First retry delay; later ones double. Default 30 s. */
	retryBaseMs?: number;
	/** A handler that has not finished by then counts as failed (its lock is released for a retry). Default 60 s. */
	jobTimeoutMs?: number;
}

/**
 * Background work that happens once however many nodes run. Every node polls: it plans (the
 * planners insert jobs under unique dedupe keys), then claims due jobs one at a time with
 * `select … for no key update skip locked` inside a transaction (the "no key" lets a job's steps,
 * rows that refer to it, be written on other connections while it runs), runs the job while it holds the row
 * lock, and marks it in the same transaction. Another node's claim skips a locked row, and a
 * finished row is no longer pending, so two nodes never run the same job.
 *
 * One job per transaction keeps a crash cheap: a node that dies mid-run leaves at most the job it
 * was running unmarked (its lock goes with the connection and another node retries it), and one
 * job's failure never rolls back another's "done". Handlers read and send through their own
 * connections; the claiming transaction touches only its job row.
 */
export class JobRunner {
	readonly nodeId: string;
	readonly #orm: MikroORM;
	readonly #logger: Logger;
	readonly #opts: Required<Omit<JobRunnerOptions, 'nodeId'>>;
	#timer: NodeJS.Timeout | undefined;
	#running: Promise<void> | undefined;
	#stopped = true;
	#lastCleanup = 0;

	constructor(orm: MikroORM, logger: Logger, opts: JobRunnerOptions) {
		this.#orm = orm;
		this.#logger = logger.child({ component: 'jobs' });
		this.nodeId = opts.nodeId ?? defaultNodeId();
		this.#opts = { planners: [], retryBaseMs: 30_000, jobTimeoutMs: DEFAULT_JOB_TIMEOUT_MS, ...opts };
	}

	start(): void {
		if (!this.#stopped) return;
		this.#stopped = false;
		this.#timer = setInterval(() => this.poke(), this.#opts.pollMs);
		this.#timer.unref();
		this.poke();
	}

	/** Run a round now unless one is running (the interval calls this too). */
	poke(): void {
		if (this.#stopped || this.#running) return;
		this.#running = this.#round()
			.catch((e: unknown) => this.#logger.error({ err: e }, 'background job round failed; retrying at the next poll'))
			.finally(() => (this.#running = undefined));
	}

	/** Stop polling and wait for the job in hand; on shutdown, before the database closes. */
	async stop(): Promise<void> {
		this.#stopped = true;
		clearInterval(this.#timer);
		this.#timer = undefined;
		await this.#running;
	}

	/** One round, for tests and scripts: plan, then run due jobs until none is left. */
	async runOnce(): Promise<{ planned: number; ran: number }> {
		await this.#cleanUp();
		const planned = await this.#plan();
		let ran = 0;
		while (ran < JOBS_PER_POLL && (await this.#claimAndRun())) ran++;
		return { planned, ran };
	}

	async #round(): Promise<void> {
		await this.#cleanUp();
		await this.#plan();
		for (let i = 0; i < JOBS_PER_POLL && !this.#stopped; i++) {
			if (!(await this.#claimAndRun())) break;
		}
	}

	/** Hourly on each node (the delete is the same whoever runs it). */
	async #cleanUp(): Promise<void> {
		if (Date.now() - this.#lastCleanup < CLEANUP_EVERY_MS) return;
		this.#lastCleanup = Date.now();
		await this.#orm.em
			.fork()
			.execute(`delete from scheduled_job where status <> 'pending' and finished_at < now() - make_interval(days => ${FINISHED_JOB_RETENTION_DAYS})`, [], 'run')
			.catch((e: unknown) => this.#logger.warn({ err: e }, 'could not delete old finished jobs; trying again in an hour'));
	}

	async #plan(): Promise<number> {
		let planned = 0;
		for (const planner of this.#opts.planners) {
			try {
				planned += await planner(this.#orm.em.fork());
			} catch (e) {
				this.#logger.error({ err: e }, 'planning background jobs failed');
			}
		}
		return planned;
	}

	/** Claim the most overdue job nobody holds, run it under its row lock, record the outcome. False when none is due. */
	async #claimAndRun(): Promise<boolean> {
		return this.#orm.em.fork().transactional(async (em) => {
			const [row] = await em.execute<{ id: string | number; kind: string; dedupe_key: string; payload: Record<string, unknown>; attempts: number }[]>(
				`select id, kind, dedupe_key, payload, attempts from scheduled_job
				 where status = 'pending' and run_at <= now()
				 order by run_at, id
				 limit 1
				 for no key update skip locked`
			);
			if (!row) return false;
			const job: ClaimedJob = {
				id: Number(row.id),
				kind: row.kind,
				dedupeKey: row.dedupe_key,
				payload: { ...row.payload },
				attempts: row.attempts,
				once: (step, effect) => this.#once(job, step, effect)
			};
			let outcome: JobOutcome | undefined;
			let failure: unknown;
			try {
				const handler = this.#opts.handlers[job.kind];
				if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
				outcome = await withTimeout(handler(job), this.#opts.jobTimeoutMs);
			} catch (e) {
				failure = e;
			}
			const payload = JSON.stringify(job.payload);
			if (outcome) {
				await em.execute(
					`update scheduled_job set status = ?, attempts = attempts + 1, payload = ?::jsonb, last_error = ?, done_by = ?, finished_at = now() where id = ?`,
					[outcome.status, payload, outcome.status === 'skipped' ? outcome.reason.slice(0, 500) : null, this.nodeId, job.id],
					'run'
				);
				return true;
			}
			const failures = job.attempts + 1;
			const message = (failure instanceof Error ? failure.message : String(failure)).slice(0, 500) || 'failed';
			// The message can name a recipient: it goes to the job row, the log gets the job and error class only.
			this.#logger.warn({ jobId: job.id, kind: job.kind, attempt: failures, error: failure instanceof Error ? failure.name : typeof failure }, 'background job failed');
			if (failures >= MAX_ATTEMPTS) {
				await em.execute(
					`update scheduled_job set status = 'failed', attempts = ?, payload = ?::jsonb, last_error = ?, done_by = ?, finished_at = now() where id = ?`,
					[failures, payload, message, this.nodeId, job.id],
					'run'
				);
			} else {
				await em.execute(
					`update scheduled_job set attempts = ?, payload = ?::jsonb, last_error = ?, run_at = now() + make_interval(secs => ?) where id = ?`,
					[failures, payload, message, retryDelayMs(failures, this.#opts.retryBaseMs) / 1000, job.id],
					'run'
				);
			}
			return true;
		});
	}

	/** ClaimedJob.once: the step's row is written and read on connections of its own (the job's row stays locked by the claim). */
	async #once(job: ClaimedJob, step: string, effect: () => Promise<unknown>): Promise<'done' | 'already' | 'in-doubt'> {
		const em = this.#orm.em.fork();
		const [started] = await em.execute<{ state: string }[]>(
			`insert into job_step (job_id, step, state, started_at) values (?, ?, 'started', now())
			 on conflict (job_id, step) do nothing returning state`,
			[job.id, step]
		);
		if (!started) {
			const [earlier] = await em.execute<{ state: string }[]>('select state from job_step where job_id = ? and step = ?', [job.id, step]);
			if (earlier?.state === 'done') return 'already';
			const inDoubt = new Set(Array.isArray(job.payload.inDoubt) ? (job.payload.inDoubt as string[]) : []);
			job.payload.inDoubt = [...inDoubt.add(step)];
			this.#logger.warn({ jobId: job.id, kind: job.kind, step }, 'a step an earlier try started and never finished may have happened: not repeating it');
			return 'in-doubt';
		}
		try {
			await effect();
		} catch (e) {
			// It did not happen: let a retry do it.
			await em.execute('delete from job_step where job_id = ? and step = ?', [job.id, step], 'run');
			throw e;
		}
		await em.execute(`update job_step set state = 'done', finished_at = now() where job_id = ? and step = ?`, [job.id, step], 'run');
		return 'done';
	}
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`did not finish within ${ms / 1000} s`)), ms);
	});
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
