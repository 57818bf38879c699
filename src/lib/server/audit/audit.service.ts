import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { canAnywhere, can, type Actor } from '../../shared/access/actor.ts';
import { ZAuditQuery, type AuditEventDto, type AuditPage, type ChainReport } from '../../shared/audit/audit.schema.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { msg, render } from '../../shared/i18n/translate.ts';
import { GENESIS_HASH, redact, rowHash, type ChainedContent } from './audit-chain.ts';
import { writeOutboxRow } from '../realtime/outbox.ts';
import { rooms } from '../../shared/realtime/events.ts';

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

/**
 * Append a row to its hospital's chain inside the caller's transaction, so the record and the
 * change it describes commit together. Appends to one chain take turns (a transaction-scoped
 * advisory lock); different hospitals never wait for each other.
 */
export async function appendAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
	const chain = entry.hospitalId ?? NO_HOSPITAL;
	await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`audit:${chain}`]);
	const [head] = await em.execute<{ seq: string; hash: string }[]>(
		`select seq, hash from audit_event where coalesce(hospital_id, '${NO_HOSPITAL}'::uuid) = ? order by seq desc limit 1`,
		[chain]
	);
	const prevHash = head?.hash ?? GENESIS_HASH;
	const occurredAt = new Date();
	const content: ChainedContent = {
		hospitalId: entry.hospitalId,
		seq: head ? Number(head.seq) + 1 : 1,
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
	// jsonb does not keep key order; the hash is over canonical JSON, so it survives the round trip.
	const hash = rowHash(prevHash, content);
	await em.execute(
		`insert into audit_event (hospital_id, seq, branch_id, actor_user_id, actor_label, action, target_type, target_id,
		   before, after, ip, user_agent, occurred_at, prev_hash, hash)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			content.hospitalId,
			content.seq,
			content.branchId,
			content.actorUserId,
			content.actorLabel,
			content.action,
			content.targetType,
			content.targetId,
			content.before === null ? null : JSON.stringify(content.before),
			content.after === null ? null : JSON.stringify(content.after),
			content.ip,
			content.userAgent,
			occurredAt,
			prevHash,
			hash
		],
		'run'
	);
	if (content.hospitalId) {
		// A ping for live activity dashboards (swept at once, see SWEPT_AT_ONCE); they refetch
		// through the permission-checked API.
		await writeOutboxRow(em, rooms.activity(content.hospitalId), 'activity.changed', { action: content.action, at: content.occurredAt, version: content.seq });
	}
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
