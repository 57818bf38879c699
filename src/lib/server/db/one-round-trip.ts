import { isRaw } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

/** One SQL statement with `?` placeholders, as `em.execute` takes it. */
export interface Statement {
	sql: string;
	params: unknown[];
	/** Set when the statement runs a prepared statement, which must exist on the connection first. */
	prepared?: PreparedStatement;
}

/**
 * A statement PostgreSQL parses and plans once per connection (`$1`… for its values). Worth it for
 * a statement that is costly to plan and runs all day: an audit append takes longer to parse and
 * plan than to run.
 */
export interface PreparedStatement {
	name: string;
	sql: string;
}

/** Run a prepared statement with these values (through runInOneRoundTrip). */
export function executePrepared(prepared: PreparedStatement, params: unknown[]): Statement {
	return { sql: `execute ${prepared.name}(${params.map(() => '?').join(', ')})`, params, prepared };
}

/** The same statement with its values written in, for `em.execute` (which cannot know what a connection has prepared). */
export function inlinePrepared(platform: Formatter, prepared: PreparedStatement, params: unknown[]): string {
	return prepared.sql.replace(/\$(\d+)/g, (_, n: string) => literal(platform, params[Number(n) - 1]));
}

/** Explicit transaction control, for a list that holds more than one transaction (see runInOneRoundTrip). */
export const BEGIN: Statement = { sql: 'begin', params: [] };
export const COMMIT: Statement = { sql: 'commit', params: [] };
/**
 * First in a transaction: its commit will not wait for the WAL flush, so the locks it holds are
 * released at once rather than after the flush. Only where a later commit that does wait is sure
 * to follow before anyone is told of the change (WAL is flushed in order, so that flush covers
 * this commit too), or where losing the change in a crash harms nobody.
 */
export const COMMIT_WITHOUT_WAITING: Statement = { sql: 'set local synchronous_commit = off', params: [] };

type Formatter = { formatQuery(sql: string, params: readonly unknown[]): string; quoteValue(value: unknown): unknown };

/**
 * A value written into SQL as MikroORM's formatter writes it; strings (most of what a registration
 * sends: ciphertexts, the audit row's text) without its character-by-character loop. A string
 * literal doubles its quotes, and when it holds a backslash is written E'…' with the backslashes
 * doubled too, so it reads the same whatever standard_conforming_strings says.
 */
function literal(platform: Formatter, value: unknown): string {
	if (typeof value === 'string') return value.includes('\\') ? ` E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : `'${value.replaceAll("'", "''")}'`;
	if (isRaw(value)) return formatStatement(platform, value);
	return String(platform.quoteValue(value ?? null));
}

/** A statement with its values written in for its `?`s (MikroORM's formatter for anything but plain `?`s). */
export function formatStatement(platform: Formatter, statement: { sql: string; params: readonly unknown[] }): string {
	const { sql, params } = statement;
	if (!params.length) return sql;
	const parts = sql.split('?');
	if (sql.includes('??') || sql.includes('\\?') || parts.length !== params.length + 1) return platform.formatQuery(sql, params);
	let out = parts[0]!;
	for (let i = 0; i < params.length; i++) out += literal(platform, params[i]) + parts[i + 1]!;
	return out;
}

/** Which prepared statements each pooled connection has (a connection that failed is closed, and forgotten with it). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * Run several statements in a single round trip and return each one's rows.
 *
 * They go to the server together as one simple-protocol query. Without BEGIN/COMMIT among them
 * PostgreSQL runs them as one implicit transaction: all of them commit, or at the first error none
 * do. With BEGIN … COMMIT, what follows the COMMIT is a transaction of its own. Each statement takes
 * its own snapshot when it starts, so it sees what the earlier ones did and what other transactions
 * committed meanwhile — in particular, rows committed by whoever held a lock that an earlier
 * statement has just taken.
 *
 * Worth it where round trips are most of the cost and a lock is held across them: a transaction of
 * five statements through `em.transactional` makes seven trips, and what it locks stays locked for
 * all of them. Values are inlined by MikroORM's own formatter, exactly as `em.execute` does.
 * Statements a connection has not prepared yet are prepared first (once per connection).
 */
export async function runInOneRoundTrip(orm: MikroORM, statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
	const platform = orm.em.getPlatform();
	const text = statements.map((s) => formatStatement(platform, s)).join(';\n');
	const pool = (await orm.em.getConnection().getNativeClient()) as pg.Pool;
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		let prepared = preparedOn.get(client);
		if (!prepared) preparedOn.set(client, (prepared = new Set()));
		for (const s of statements) {
			if (!s.prepared || prepared.has(s.prepared.name)) continue;
			await client.query(`prepare ${s.prepared.name} as ${s.prepared.sql}`);
			prepared.add(s.prepared.name);
		}
		const result = await client.query(text);
		return (Array.isArray(result) ? result : [result]).map((r) => r.rows);
	} catch (e) {
		if (!(e instanceof pg.DatabaseError)) broken = e as Error;
		// The server refused a statement: an implicit transaction is gone with it, an explicit one
		// is left aborted and must be ended before the connection serves anyone else.
		else if (statements.some((s) => /^\s*(begin|start\s+transaction)\b/i.test(s.sql))) await client.query('rollback').catch((r: Error) => (broken = r));
		throw orm.em.getDriver().convertException(e as Error);
	} finally {
		// A connection that failed (rather than a statement the server refused) is closed, not reused.
		client.release(broken);
	}
}
