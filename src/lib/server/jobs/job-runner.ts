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
const JOB_TIMEOUT_MS = 60_000;
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
}

/**
 * Background work that happens once however many nodes run. Every node polls: it plans (the
 * planners insert jobs under unique dedupe keys), then claims due jobs one at a time with
 * `select … for update skip locked` inside a transaction, runs the job while it holds the row
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
		this.#opts = { planners: [], retryBaseMs: 30_000, ...opts };
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
				 for update skip locked`
			);
			if (!row) return false;
			const job: ClaimedJob = { id: Number(row.id), kind: row.kind, dedupeKey: row.dedupe_key, payload: { ...row.payload }, attempts: row.attempts };
			let outcome: JobOutcome | undefined;
			let failure: unknown;
			try {
				const handler = this.#opts.handlers[job.kind];
				if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
				outcome = await withTimeout(handler(job), JOB_TIMEOUT_MS);
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
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`did not finish within ${ms / 1000} s`)), ms);
	});
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
