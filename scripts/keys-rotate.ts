// `npm run keys:rotate`: re-encrypt every patient value and file that is not sealed with the
// current key (the first of PATIENT_DATA_KEYS), so an old key can then be dropped from the ring.
//
//   1. put the new key first on every node: PATIENT_DATA_KEYS=k2:<new>,k1:<old>, restart them;
//   2. npm run keys:rotate   (same environment as the server; the app may keep running)
//   3. once it says "0 failures", remove k1 and restart.
//
// Each ciphertext names its key, so what is done is written in the data itself: a run that is
// interrupted (Ctrl-C, kill, a crash) simply continues on the next run, skipping everything that
// is already under the current key. Rows are re-encrypted in batches, one transaction each, with
// the rows locked (select … for update), so an edit the app makes at the same time waits for the
// batch and is never overwritten with an older value. The blind index is keyed separately
// (PATIENT_INDEX_KEY) and stays as it is.
//
// Covers patient fields, medical-history notes, sealed outbox payloads (short-lived, but they
// are in backups too) and encrypted files under DATA_DIR/files.
//
//   KEYS_ROTATE_BATCH     rows per transaction (default 500)
//   KEYS_ROTATE_PAUSE_MS  pause between batches, to go easy on a busy database (default 0)
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig, type AppConfig } from '../src/lib/server/config/config.ts';
import { resolveSecrets } from '../src/lib/server/config/secrets.ts';
import { createFieldCrypto, DecryptionError, parseKeyRing, type FieldCrypto } from '../src/lib/server/crypto/field-crypto.ts';
import { migrate, openDatabase } from '../src/lib/server/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/lib/server/db/embedded-postgres.ts';
import { isDemoDatabase } from '../src/lib/server/demo/seed.ts';
import { createLocalFileStore, type FileStore } from '../src/lib/server/files/file-store.ts';
import { createLogger, type Logger } from '../src/lib/server/logging/logger.ts';
import { contextOf, ENCRYPTED_COLUMNS, type EncryptedField } from '../src/lib/server/patients/patient-codec.ts';

function positiveInt(name: string, fallback: number, min = 1): number {
	const raw = process.env[name]?.trim();
	if (!raw) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min) throw new ConfigError([`${name} must be a whole number of at least ${min}`]);
	return n;
}

const ROTATION_LOCK = 7_200_010;
const RETRYABLE = new Set(['40P01', '40001', '55P03']); // deadlock, serialization failure, lock timeout

// ---------------------------------------------------------------------------------------------
// What holds ciphertext

interface Field {
	/** SQL for the sealed value (a column, or a path into jsonb). */
	read: string;
	/** The assignment that writes the value from the batch's `v.f<n>`. */
	write: (v: string) => string;
	context: (row: Record<string, string>) => string;
	column: string;
}

interface RowSource {
	label: string;
	table: string;
	idType: 'uuid' | 'bigint';
	/** Extra columns the contexts need. */
	extra: string[];
	fields: Field[];
}

const SOURCES: RowSource[] = [
	{
		label: 'patients',
		table: 'patient',
		idType: 'uuid',
		extra: [],
		fields: (Object.entries(ENCRYPTED_COLUMNS) as [EncryptedField, string][]).map(([field, column]) => ({
			column,
			read: column,
			write: (v) => `${column} = ${v}`,
			context: (r) => contextOf(r.id!, field)
		}))
	},
	{
		label: 'history notes',
		table: 'patient_history_entry',
		idType: 'uuid',
		extra: [],
		fields: [{ column: 'note_enc', read: 'note_enc', write: (v) => `note_enc = ${v}`, context: (r) => `patient-history:${r.id}` }]
	},
	{
		// Realtime events with health data wait here sealed until published, then an hour more.
		label: 'outbox events',
		table: 'outbox_event',
		idType: 'bigint',
		extra: ['room'],
		fields: [{ column: 'payload', read: `(payload->>'sealed')`, write: (v) => `payload = jsonb_build_object('sealed', ${v})`, context: (r) => `outbox:${r.room}` }]
	}
];

interface Tally {
	label: string;
	rotated: number;
	current: number;
	failed: number;
	/** Rows (or files) still to do when the run started. */
	todo: number;
}

interface Failure {
	where: string;
	id?: string;
	reason: string;
}

// ---------------------------------------------------------------------------------------------
// Progress on the terminal: one bar redrawn in place on a TTY, plain lines otherwise (CI logs).

class Progress {
	readonly #tty = !!process.stdout.isTTY;
	readonly #started = performance.now();
	#last = 0;
	#lines = 0;
	#drawn = false;
	readonly total: number;
	done = 0;
	constructor(total: number) {
		this.total = total;
	}

	update(label: string, force = false) {
		const now = performance.now();
		const interval = this.#tty ? 100 : 1000;
		if (!force && this.#lines > 0 && now - this.#last < interval) return;
		this.#last = now;
		this.#lines++;
		const seconds = (now - this.#started) / 1000;
		const rate = seconds > 0 ? this.done / seconds : 0;
		const share = this.total ? Math.min(1, this.done / this.total) : 1;
		const counts = `${this.done.toLocaleString('en')}/${this.total.toLocaleString('en')}`;
		const eta = rate > 0 && this.done < this.total ? ` · ${Math.ceil((this.total - this.done) / rate)} s left` : '';
		if (this.#tty) {
			const width = 28;
			const filled = Math.round(share * width);
			process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${counts} · ${Math.round(rate).toLocaleString('en')}/s${eta} · ${label}\x1b[K`);
			this.#drawn = true;
		} else {
			console.log(`progress ${counts} (${(share * 100).toFixed(0)}%) ${Math.round(rate)}/s ${label}`);
		}
	}

	finish() {
		if (this.#drawn) process.stdout.write('\n');
		this.#drawn = false;
	}
}

// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stopRequested = false;

function errorCode(e: unknown): string | undefined {
	let cur: unknown = e;
	for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
		const code = (cur as { code?: unknown }).code;
		if (typeof code === 'string') return code;
		cur = (cur as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Re-seal one value under the current key, or say why it cannot be opened. */
function reseal(crypto: FieldCrypto, sealed: string, context: string): { value: string } | { error: string } {
	try {
		return { value: crypto.encrypt(crypto.decrypt(sealed, context), context) };
	} catch (e) {
		return { error: e instanceof DecryptionError ? e.message : String(e) };
	}
}

/** Retry a transaction that lost a deadlock or waited too long for a lock; anything else is fatal. */
async function withRetry<T>(work: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await work();
		} catch (e) {
			const code = errorCode(e);
			if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw e;
			await sleep(200 * attempt);
		}
	}
}

/** One transaction: lock the next rows that need it, re-seal their values, write them back. */
async function rotateBatch(orm: MikroORM, crypto: FieldCrypto, source: RowSource, cursor: string | null, size: number): Promise<{ rows: Record<string, string | null>[]; problems: Failure[] }> {
	const prefix = `f1.${crypto.currentKeyId}.`;
	const needs = source.fields.map((f) => `(${f.read} is not null and not starts_with(${f.read}, ?))`).join(' or ');
	const columns = ['id', ...source.extra, ...source.fields.map((f, i) => `${f.read} as f${i}`)].join(', ');
	return orm.em.fork().transactional(async (em: EntityManager) => {
		// An app transaction holding a row longer than this makes the batch start over, not hang.
		await em.execute(`set local lock_timeout = '10s'`, [], 'run');
		// The rows stay locked until commit: a concurrent edit waits, then applies on top.
		const rows = await em.execute<Record<string, string | null>[]>(
			`select ${columns} from ${source.table} where (${cursor === null ? 'true' : `id > ?::${source.idType}`}) and (${needs})
			 order by id limit ? for update`,
			[...(cursor === null ? [] : [cursor]), ...source.fields.map(() => prefix), size]
		);
		const problems: Failure[] = [];
		if (!rows.length) return { rows, problems };
		const values: unknown[] = [];
		const tuples: string[] = [];
		for (const row of rows) {
			const context = { ...row, id: String(row.id) } as Record<string, string>;
			const next = source.fields.map((f, i) => {
				const sealed = row[`f${i}`];
				if (sealed == null || sealed.startsWith(prefix)) return sealed;
				const out = reseal(crypto, sealed, f.context(context));
				if ('value' in out) return out.value;
				problems.push({ where: `${source.table} ${row.id} ${f.column}`, id: String(row.id), reason: out.error });
				// Written back as it was: the row is locked, so nothing newer exists.
				return sealed;
			});
			tuples.push(`(?::${source.idType}${next.map(() => ', ?::text').join('')})`);
			values.push(row.id, ...next);
		}
		await em.execute(
			`update ${source.table} as t set ${source.fields.map((f, i) => f.write(`v.f${i}`)).join(', ')}
			 from (values ${tuples.join(', ')}) as v(id${source.fields.map((_, i) => `, f${i}`).join('')})
			 where t.id = v.id`,
			values,
			'run'
		);
		return { rows, problems };
	});
}

/**
 * Walk the table in id order, batch by batch. The cursor only saves re-reading rows that failed;
 * what is done is known from the ciphertexts, so a new run starts from the beginning and skips it.
 */
async function rotateRows(orm: MikroORM, crypto: FieldCrypto, source: RowSource, tally: Tally, progress: Progress, failures: Failure[], opts: { batch: number; pauseMs: number }) {
	let cursor: string | null = null;
	while (!stopRequested) {
		const { rows, problems } = await withRetry(() => rotateBatch(orm, crypto, source, cursor, opts.batch));
		if (!rows.length) return;
		failures.push(...problems);
		const failedRows = new Set(problems.map((p) => p.id)).size;
		tally.failed += failedRows;
		tally.rotated += rows.length - failedRows;
		progress.done += rows.length;
		progress.update(source.label);
		cursor = String(rows.at(-1)!.id);
		if (opts.pauseMs) await sleep(opts.pauseMs);
	}
}

async function countRows(orm: MikroORM, crypto: FieldCrypto, source: RowSource): Promise<{ todo: number; current: number }> {
	const prefix = `f1.${crypto.currentKeyId}.`;
	const needs = source.fields.map((f) => `(${f.read} is not null and not starts_with(${f.read}, ?))`).join(' or ');
	const any = source.fields.map((f) => `${f.read} is not null`).join(' or ');
	const [row] = await orm.em.fork().execute<{ todo: string; current: string }[]>(
		`select count(*) filter (where ${needs}) as todo, count(*) filter (where (${any}) and not (${needs})) as current from ${source.table}`,
		[...source.fields.map(() => prefix), ...source.fields.map(() => prefix)]
	);
	return { todo: Number(row!.todo), current: Number(row!.current) };
}

/**
 * Files: read, check the key id in the header, re-seal, and write back only if the file is still
 * the one that was read (the store writes by rename, so a reader never sees half a file).
 */
async function rotateFiles(store: FileStore, keys: string[], crypto: FieldCrypto, tally: Tally, progress: Progress, failures: Failure[]) {
	for (const key of keys) {
		if (stopRequested) return;
		const context = `file:${key}`;
		for (let attempt = 1; ; attempt++) {
			let sealed: Buffer;
			try {
				sealed = await store.get(key);
			} catch (e) {
				if (errorCode(e) === 'ENOENT') break; // removed meanwhile: nothing to rotate
				throw e;
			}
			const keyId = crypto.fileKeyIdOf(sealed);
			if (keyId === crypto.currentKeyId) {
				tally.current++;
				break;
			}
			let next: Buffer;
			try {
				next = crypto.encryptBytes(crypto.decryptBytes(sealed, context), context);
			} catch (e) {
				tally.failed++;
				failures.push({ where: `file ${key}`, reason: e instanceof DecryptionError ? e.message : String(e) });
				break;
			}
			const now = await store.get(key).catch(() => null);
			if (now === null) break;
			if (!now.equals(sealed)) {
				if (attempt >= 5) {
					tally.failed++;
					failures.push({ where: `file ${key}`, reason: 'kept changing while being rotated; run again' });
					break;
				}
				continue; // rewritten by the app meanwhile: rotate what is there now
			}
			await store.put(key, next);
			tally.rotated++;
			break;
		}
		progress.done++;
		progress.update('files');
	}
}

// ---------------------------------------------------------------------------------------------
// Connection: the same as the server's (DATABASE_URL, or the embedded database under DATA_DIR).

/**
 * Starting the embedded database while the app runs on it would stop the app's PostgreSQL (it
 * clears what looks like an orphan), so when its postmaster is alive we connect to it instead.
 */
function runningEmbeddedUrl(config: AppConfig): string | undefined {
	const pidFile = path.join(config.dataDir, 'postgres', 'postmaster.pid');
	const passwordFile = path.join(config.dataDir, 'postgres-password');
	if (!fs.existsSync(pidFile) || !fs.existsSync(passwordFile)) return undefined;
	const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
	const pid = Number(lines[0]);
	const port = Number(lines[3]);
	try {
		process.kill(pid, 0);
	} catch {
		return undefined;
	}
	if (!Number.isInteger(port) || port <= 0) return undefined;
	const password = fs.readFileSync(passwordFile, 'utf8').trim();
	return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/skinspire`;
}

async function connect(config: AppConfig, logger: Logger): Promise<{ orm: MikroORM; embedded?: EmbeddedDatabase }> {
	let url = config.databaseUrl ?? runningEmbeddedUrl(config);
	let embedded: EmbeddedDatabase | undefined;
	if (!url) {
		embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'skinspire', logger });
		url = embedded.url;
	}
	try {
		const orm = await openDatabase(url, logger);
		await migrate(orm);
		return { orm, embedded };
	} catch (e) {
		await embedded?.stop().catch(() => undefined);
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const config = loadConfig();
	const batch = positiveInt('KEYS_ROTATE_BATCH', 500);
	const pauseMs = positiveInt('KEYS_ROTATE_PAUSE_MS', 0, 0);
	const logger = createLogger(config.logLevel);
	const { orm, embedded } = await connect(config, logger);
	const lock = new pg.Client({ connectionString: orm.config.get('clientUrl') });
	try {
		const demoMode = await isDemoDatabase(orm);
		// Resolved exactly as the server does (demo databases read DATA_DIR/demo-secrets.json).
		// APP_SECRET plays no part in patient-data encryption, so its absence is not this tool's concern.
		const secrets = resolveSecrets({
			appSecret: config.appSecret ?? 'not used by key rotation',
			patientDataKeys: config.patientDataKeys,
			patientIndexKey: config.patientIndexKey,
			dataDir: config.dataDir,
			demoMode,
			logger
		});
		const ring = parseKeyRing(secrets.patientDataKeys, secrets.patientIndexKey);
		const crypto = createFieldCrypto(ring);

		await lock.connect();
		const { rows: locked } = await lock.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [ROTATION_LOCK]);
		if (!locked[0]?.ok) {
			console.error('Another key rotation is running against this database; let it finish (or stop it) first.');
			return 1;
		}

		console.log(`Re-encrypting patient data under key ${ring.currentId} (keys in the ring: ${[...ring.keys.keys()].join(', ')}).`);
		if (ring.keys.size === 1) {
			console.log(`Note: PATIENT_DATA_KEYS holds one key, so values sealed with any other key cannot be opened. To rotate, put the new key first: k2:<new>,${ring.currentId}:<old>.`);
		}

		const tallies: Tally[] = [];
		for (const source of SOURCES) {
			const { todo, current } = await countRows(orm, crypto, source);
			tallies.push({ label: source.label, rotated: 0, current, failed: 0, todo });
		}
		const store = createLocalFileStore(path.join(config.dataDir, 'files'));
		const fileKeys: string[] = [];
		for await (const key of store.keys()) fileKeys.push(key);
		const fileTally: Tally = { label: 'files', rotated: 0, current: 0, failed: 0, todo: fileKeys.length };

		const progress = new Progress(tallies.reduce((n, t) => n + t.todo, 0) + fileKeys.length);
		const failures: Failure[] = [];
		const started = performance.now();
		for (const [i, source] of SOURCES.entries()) {
			if (tallies[i]!.todo) await rotateRows(orm, crypto, source, tallies[i]!, progress, failures, { batch, pauseMs });
		}
		if (fileKeys.length) await rotateFiles(store, fileKeys, crypto, fileTally, progress, failures);
		progress.update('done', true);
		progress.finish();

		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		const all = [...tallies, fileTally];
		const width = Math.max(...all.map((t) => t.label.length));
		console.log(stopRequested ? `Stopped after ${seconds} s.` : `Finished in ${seconds} s.`);
		for (const t of all) {
			console.log(`  ${t.label.padEnd(width)}  ${t.rotated} re-encrypted, ${t.current} already current, ${t.failed} failed`);
		}
		for (const f of failures.slice(0, 20)) console.log(`  failed: ${f.where}: ${f.reason}`);
		if (failures.length > 20) console.log(`  … and ${failures.length - 20} more failures`);
		console.log(`${failures.length} failures.`);
		if (stopRequested) {
			console.log('Interrupted: run `npm run keys:rotate` again to continue where it stopped.');
			return 130;
		}
		if (failures.length) {
			console.log(`Keep the old key in PATIENT_DATA_KEYS until every failure is resolved: those values are still sealed with it (or cannot be opened at all).`);
			return 1;
		}
		const olds = [...ring.keys.keys()].filter((k) => k !== ring.currentId);
		if (olds.length) console.log(`Everything is under ${ring.currentId}. Once every node runs with the new key first, ${olds.join(', ')} may be removed from PATIENT_DATA_KEYS.`);
		return 0;
	} finally {
		await lock.end().catch(() => undefined);
		await orm.close(true);
		await embedded?.stop();
	}
}

// Ctrl-C (or SIGTERM) lets the current batch commit and stops there; a second one stops at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopRequested) process.exit(130);
		stopRequested = true;
		console.log(`\n${signal}: finishing the current batch, then stopping (again to stop at once).`);
	});
}

try {
	process.exitCode = await main();
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
}
