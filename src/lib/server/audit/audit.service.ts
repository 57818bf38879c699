import { raw } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { canAnywhere, can, type Actor } from '../../shared/access/actor.ts';
import { ZAuditQuery, type AuditEventDto, type AuditPage, type ChainReport } from '../../shared/audit/audit.schema.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { msg, render } from '../../shared/i18n/translate.ts';
import { canonicalPieces, DatabaseText, GENESIS_HASH, hashedTextAroundSeq, redact, rowHash, type ChainedContent } from './audit-chain.ts';
import { executePrepared, inlinePrepared, type PreparedStatement, type Statement } from '../db/one-round-trip.ts';
import { rooms, type BroadcastEvent } from '../../shared/realtime/events.ts';

export interface AuditEntry {
	hospitalId: string | null;
	branchId?: string | null;
	actorUserId?: string | null;
	actorLabel: string;
	action: string;
	targetType?: string | null;
	targetId?: string | null;
	before?: unknown;
	after?: unknown;
	ip?: string | null;
	userAgent?: string | null;
}

const NO_HOSPITAL = '00000000-0000-0000-0000-000000000000';

interface AuditRow {
	id: string;
	hospital_id: string | null;
	seq: string;
	branch_id: string | null;
	actor_user_id: string | null;
	actor_label: string;
	action: string;
	target_type: string | null;
	target_id: string | null;
	before: unknown;
	after: unknown;
	ip: string | null;
	user_agent: string | null;
	occurred_at: Date;
	prev_hash: string;
	hash: string;
}

function contentOf(r: AuditRow): ChainedContent {
	return {
		hospitalId: r.hospital_id,
		seq: Number(r.seq),
		branchId: r.branch_id,
		actorUserId: r.actor_user_id,
		actorLabel: r.actor_label,
		action: r.action,
		targetType: r.target_type,
		targetId: r.target_id,
		before: r.before,
		after: r.after,
		ip: r.ip,
		userAgent: r.user_agent,
		occurredAt: new Date(r.occurred_at).toISOString()
	};
}

function toDto(r: AuditRow): AuditEventDto {
	const c = contentOf(r);
	return { id: Number(r.id), ...c, hash: r.hash };
}

/** The advisory lock under which appends to one chain take turns. */
function chainLockKey(hospitalId: string | null): string {
	return `audit:${hospitalId ?? NO_HOSPITAL}`;
}

/**
 * Append one row to a chain. The database reads the chain's head, numbers the row after it and
 * hashes it (SHA-256 over the text rowHash covers, in two parts around the row's number, see
 * hashedTextAroundSeq), so an append is one statement: the chain's lock is held for a statement,
 * not for a read, a hash in Node and a write. It must run after the lock was taken, in a later
 * statement of the same transaction: a statement sees what was committed before it began, so only
 * a later one is sure to see the row the previous holder of the lock appended.
 * jsonb does not keep key order; the hash is over canonical JSON, so it survives the round trip.
 */
const APPEND = `with head as (
	  select coalesce(last.seq, 0) + 1 as seq, coalesce(last.hash, '${GENESIS_HASH}') as prev_hash
	  from (select 1) as one left join lateral (
	    select seq, hash from audit_event where coalesce(hospital_id, '${NO_HOSPITAL}'::uuid) = coalesce($1::uuid, '${NO_HOSPITAL}'::uuid)
	    order by seq desc limit 1
	  ) as last on true
	), appended as (
	  insert into audit_event (hospital_id, seq, branch_id, actor_user_id, actor_label, action, target_type, target_id,
	    before, after, ip, user_agent, occurred_at, prev_hash, hash)
	  select $1::uuid, head.seq, $2::uuid, $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::jsonb, $9::jsonb, $10::text, $11::text,
	    $12::timestamptz, head.prev_hash, encode(sha256(convert_to(head.prev_hash || $13::text || head.seq::text || $14::text, 'UTF8')), 'hex')
	  from head
	  returning hospital_id, seq
	)`;

/**
 * A ping for live activity dashboards (swept at once, see SWEPT_AT_ONCE); they refetch through the
 * permission-checked API. The row writeOutboxRow would write ($15 the room, $16 the event, $17 the
 * time as text), numbered by the chain.
 */
const PING = `insert into outbox_event (room, event, payload)
	select $15::text, $16::text, jsonb_build_object('action', $5::text, 'at', $17::text, 'version', appended.seq) from appended where appended.hospital_id is not null`;

const AUDIT_APPEND: PreparedStatement = { name: 'skinspire_audit_append', sql: `${APPEND} select seq from appended` };
const AUDIT_APPEND_AND_PING: PreparedStatement = { name: 'skinspire_audit_append_ping', sql: `${APPEND} ${PING}` };
/** The same ping on its own, after the append's transaction committed; numbered by the chain's head. */
const ACTIVITY_PING: PreparedStatement = {
	name: 'skinspire_activity_ping',
	sql: `insert into outbox_event (room, event, payload)
	  select $1::text, $2::text, jsonb_build_object('action', $3::text, 'at', $4::text, 'version', max(seq))
	  from audit_event where coalesce(hospital_id, '${NO_HOSPITAL}'::uuid) = $5::uuid`
};

function interleave(pieces: string[], holes: DatabaseText[]): (string | DatabaseText)[] {
	return pieces.flatMap((piece, i) => (i < holes.length ? [piece, holes[i]!] : [piece]));
}

/** Text with DatabaseText values in it, as a value for a statement: the text itself, or an SQL expression writing each value in as a JSON string. */
function textExpression(parts: (string | DatabaseText)[], cast = ''): unknown {
	if (parts.every((p) => typeof p === 'string')) return parts.join('');
	const strings = parts.filter((p) => typeof p === 'string');
	return raw(`(${parts.map((p) => (typeof p === 'string' ? '?' : `to_json((${p.sql})::text)::text`)).join(' || ')})${cast}`, strings);
}

/** The statement's values for an entry, in the order of $1… above (DatabaseText values in `before` and `after` become SQL expressions). */
function appendParams(entry: AuditEntry, occurredAt: Date): unknown[] {
	const content: Omit<ChainedContent, 'seq'> = {
		hospitalId: entry.hospitalId,
		branchId: entry.branchId ?? null,
		actorUserId: entry.actorUserId ?? null,
		actorLabel: entry.actorLabel.slice(0, 200),
		action: entry.action,
		targetType: entry.targetType ?? null,
		targetId: entry.targetId ?? null,
		before: entry.before === undefined ? null : redact(entry.before),
		after: entry.after === undefined ? null : redact(entry.after),
		ip: entry.ip?.slice(0, 64) ?? null,
		userAgent: entry.userAgent?.slice(0, 400) ?? null,
		occurredAt: occurredAt.toISOString()
	};
	const { head, tail } = hashedTextAroundSeq(content);
	const json = (value: unknown) => {
		if (value === null) return null;
		const { pieces, holes } = canonicalPieces(value, (v) => v instanceof DatabaseText);
		return holes.length ? textExpression(interleave(pieces, holes as DatabaseText[]), '::jsonb') : pieces[0]!;
	};
	return [
		content.hospitalId,
		content.branchId,
		content.actorUserId,
		content.actorLabel,
		content.action,
		content.targetType,
		content.targetId,
		json(content.before),
		json(content.after),
		content.ip,
		content.userAgent,
		content.occurredAt,
		textExpression(head),
		textExpression(tail),
		content.hospitalId ? rooms.activity(content.hospitalId) : null,
		'activity.changed' satisfies BroadcastEvent,
		content.occurredAt
	];
}

/**
 * The statement that makes appends to one chain take turns until the transaction ends (a
 * transaction-scoped advisory lock); different hospitals never wait for each other. Take it as late
 * as the transaction allows: it is held until the commit.
 */
export function auditChainLock(hospitalId: string | null): Statement {
	return { sql: 'select pg_advisory_xact_lock(hashtext(?))', params: [chainLockKey(hospitalId)] };
}

/**
 * The statement that appends `entry` to its chain, with its activity ping, for a transaction sent
 * in one round trip (runInOneRoundTrip): it goes after auditChainLock, last in the transaction.
 */
export function auditAppend(entry: AuditEntry, occurredAt = new Date()): Statement {
	return executePrepared(AUDIT_APPEND_AND_PING, appendParams(entry, occurredAt));
}

/**
 * The same append as three statements: `lock` and then `append` go last in the transaction,
 * `ping` (its activity ping) after the transaction's COMMIT, as a transaction of its own. The ping
 * is a logged write, so committed as usual its commit waits for the WAL flush, which covers every
 * earlier commit of the connection: a transaction that did not wait for its own flush
 * (COMMIT_WITHOUT_WAITING, so that the chain's lock is not held through the flush) is durable once
 * the ping has committed.
 */
export function auditAppendStatements(entry: AuditEntry & { hospitalId: string }, occurredAt = new Date()): { lock: Statement; append: Statement; ping: Statement } {
	const params = appendParams(entry, occurredAt);
	return {
		lock: auditChainLock(entry.hospitalId),
		append: executePrepared(AUDIT_APPEND, params.slice(0, 14)),
		ping: executePrepared(ACTIVITY_PING, [params[14], params[15], entry.action, params[16], entry.hospitalId])
	};
}

/**
 * Append a row to its hospital's chain inside the caller's transaction, so the record and the
 * change it describes commit together. Appends to one chain take turns (see auditChainLock).
 */
export async function appendAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
	const lock = auditChainLock(entry.hospitalId);
	await em.execute(lock.sql, lock.params);
	await em.execute(inlinePrepared(em.getPlatform(), AUDIT_APPEND_AND_PING, appendParams(entry, new Date())), [], 'run');
}

/**
 * Walk one chain in order; the first row whose link or content does not match is reported, with
 * the reason in `locale` (the report is shown to whoever asked for it as it is).
 */
export async function verifyChain(orm: MikroORM, hospitalId: string | null, locale: Locale = DEFAULT_LOCALE): Promise<ChainReport> {
	const em = orm.em.fork();
	const chain = hospitalId ?? NO_HOSPITAL;
	let prevHash = GENESIS_HASH;
	let expectedSeq = 1;
	let checked = 0;
	let after = 0;
	for (;;) {
		const rows = await em.execute<AuditRow[]>(
			`select * from audit_event where coalesce(hospital_id, '${NO_HOSPITAL}'::uuid) = ? and seq > ? order by seq limit 2000`,
			[chain, after]
		);
		for (const r of rows) {
			const seq = Number(r.seq);
			const problem =
				seq !== expectedSeq
					? msg('errors.audit.chainMissingRow', { expected: expectedSeq, found: seq })
					: r.prev_hash !== prevHash
						? msg('errors.audit.chainLink')
						: rowHash(prevHash, contentOf(r)) !== r.hash
							? msg('errors.audit.chainContent')
							: null;
			if (problem) return { ok: false, checked, brokenAt: { id: Number(r.id), seq, reason: render(locale, problem) } };
			prevHash = r.hash;
			expectedSeq++;
			checked++;
		}
		if (rows.length < 2000) return { ok: true, checked, brokenAt: null };
		after = Number(rows[rows.length - 1]!.seq);
	}
}

export function createAuditService({ orm }: { orm: MikroORM }) {
	/** Hospital-wide readers see the whole chain; branch readers the rows of their branches. */
	function scope(actor: Actor): { sql: string; params: unknown[] } {
		if (can(actor, 'audit:read')) return { sql: 'hospital_id = ?', params: [actor.hospitalId] };
		const branches = actor.branches.filter((b) => b.permissions.includes('audit:read')).map((b) => b.id);
		if (!branches.length) throw new DomainError('FORBIDDEN');
		return { sql: `hospital_id = ? and branch_id in (${branches.map(() => '?').join(',')})`, params: [actor.hospitalId, ...branches] };
	}

	function filters(actor: Actor, input: unknown) {
		const q = parseInput(ZAuditQuery, input);
		const s = scope(actor);
		const where = [s.sql];
		const params = [...s.params];
		const add = (sql: string, value: unknown) => {
			where.push(sql);
			params.push(value);
		};
		if (q.action) add('action like ?', `${q.action}%`);
		if (q.actorUserId) add('actor_user_id = ?', q.actorUserId);
		if (q.from) add('occurred_at >= ?', new Date(q.from));
		if (q.to) add('occurred_at < ?', new Date(q.to));
		return { q, where: where.join(' and '), params };
	}

	return {
		async list(actor: Actor, input: unknown): Promise<AuditPage> {
			if (!canAnywhere(actor, 'audit:read')) throw new DomainError('FORBIDDEN');
			const { q, where, params } = filters(actor, input);
			const em = orm.em.fork();
			const rows = await em.execute<AuditRow[]>(
				`select * from audit_event where ${where} order by seq desc limit ? offset ?`,
				[...params, q.pageSize + 1, (q.page - 1) * q.pageSize]
			);
			return { events: rows.slice(0, q.pageSize).map(toDto), page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize };
		},

		/** CSV of the filtered rows (at most 50,000); the export itself is audited. */
		async exportCsv(actor: Actor, input: unknown, meta: { ip?: string; userAgent?: string }): Promise<string> {
			if (!canAnywhere(actor, 'audit:read')) throw new DomainError('FORBIDDEN');
			const { where, params, q } = filters(actor, input);
			return orm.em.fork().transactional(async (em) => {
				const rows = await em.execute<AuditRow[]>(`select * from audit_event where ${where} order by seq limit 50000`, params);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'audit.exported',
					after: { filters: { action: q.action, actorUserId: q.actorUserId, from: q.from, to: q.to }, rows: rows.length },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				const cell = (v: unknown) => {
					const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
					// Quote every cell, and defuse spreadsheet formulas.
					return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
				};
				const header = ['seq', 'occurred_at', 'actor', 'actor_user_id', 'action', 'branch_id', 'target_type', 'target_id', 'before', 'after', 'ip', 'user_agent', 'hash'];
				const lines = rows.map((r) =>
					[r.seq, new Date(r.occurred_at).toISOString(), r.actor_label, r.actor_user_id, r.action, r.branch_id, r.target_type, r.target_id, r.before, r.after, r.ip, r.user_agent, r.hash]
						.map(cell)
						.join(',')
				);
				return [header.join(','), ...lines].join('\r\n') + '\r\n';
			});
		},

		async verify(actor: Actor, locale: Locale = DEFAULT_LOCALE): Promise<ChainReport> {
			if (!can(actor, 'audit:read')) throw new DomainError('FORBIDDEN', msg('errors.audit.verifyForbidden'));
			return verifyChain(orm, actor.hospitalId, locale);
		}
	};
}

export type AuditService = ReturnType<typeof createAuditService>;
