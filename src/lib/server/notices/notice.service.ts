import type { Mailer } from '../mail/mailer.ts';
import { asLocale } from '../../shared/i18n/locales.ts';
import { msg, translate } from '../../shared/i18n/translate.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { branchOf, can, type Actor } from '../../shared/access/actor.ts';
import { ZPostNoticeInput, type NoticeDto } from '../../shared/notices/notice.schema.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { boardState, branchToday, lockQueue, queueSnapshot } from '../queue/queue-snapshot.ts';

/** Waiting-room TVs show the notices posted for them: hand them the board as it now stands. */
async function tellBoards(em: EntityManager, outbox: OutboxBatch, branchId: string): Promise<void> {
	// In turn with the queue's own changes, or this snapshot could carry a higher number than a call not yet committed.
	await lockQueue(em, branchId);
	const { day } = await branchToday(em, branchId);
	await outbox.broadcast(em, rooms.board(branchId), 'board.updated', { state: await boardState(em, await queueSnapshot(em, branchId, day, Date.now(), true)), call: null });
}

interface NoticeRow {
	id: string;
	branch_id: string;
	message: string;
	urgent: boolean;
	on_board: boolean;
	posted_by_id: string;
	posted_by_name: string;
	created_at: Date;
	expires_at: Date | null;
	cleared_at: Date | null;
	version: number;
	dismissed: boolean;
}

const SELECT = `select n.id, n.branch_id, n.message, n.urgent, n.on_board, n.posted_by_id, u.name as posted_by_name, n.created_at,
	n.expires_at, n.cleared_at, n.version,
	exists(select 1 from notice_dismissal d where d.notice_id = n.id and d.user_id = ?) as dismissed
	from branch_notice n join app_user u on u.id = n.posted_by_id`;

function toDto(r: NoticeRow, forEveryone = false): NoticeDto {
	return {
		id: r.id,
		branchId: r.branch_id,
		message: r.message,
		urgent: r.urgent,
		onBoard: r.on_board,
		postedBy: { id: r.posted_by_id, name: r.posted_by_name },
		createdAt: new Date(r.created_at).toISOString(),
		expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
		clearedAt: r.cleared_at ? new Date(r.cleared_at).toISOString() : null,
		// A broadcast goes to many people: whether one of them dismissed it is theirs to know.
		dismissed: forEveryone ? false : r.dismissed,
		version: r.version
	};
}

/**
 * A branch the actor belongs to, else NOT_FOUND: a branch outside the actor's reach must look
 * exactly like one that does not exist.
 */
function requireBranch(actor: Actor, branchId: string) {
	const branch = branchOf(actor, branchId);
	if (!branch) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
	return branch;
}

export function createNoticeService({ orm, afterCommit, logger, mailer }: ServiceDeps & { mailer: Mailer }) {
	/** Everyone who reads this branch's notices and asked for email alerts, in their own language. */
	async function emailUrgentNotice(actor: Actor, branchId: string, notice: NoticeDto): Promise<void> {
		const recipients = await orm.em.fork().execute<{ email: string; language: string | null; branch_name: string }[]>(
			`select distinct u.email, u.language, b.name as branch_name
			 from app_user u
			 join role_assignment a on a.user_id = u.id and (a.branch_id is null or a.branch_id = ?)
			 join role r on r.id = a.role_id and 'notices:read' = any(r.permissions)
			 join branch b on b.id = ? and b.hospital_id = u.hospital_id
			 where u.hospital_id = ? and u.active and u.email_alerts and u.password_hash is not null and u.id <> ?`,
			[branchId, branchId, actor.hospitalId, actor.userId]
		);
		for (const r of recipients) {
			const locale = asLocale(r.language);
			await mailer.send({
				to: r.email,
				subject: translate(locale, 'mail.urgentNotice.subject', { branch: r.branch_name }),
				text: translate(locale, 'mail.urgentNotice.body', { branch: r.branch_name, poster: notice.postedBy.name, message: notice.message })
			});
		}
	}

	async function findOne(em: EntityManager, actor: Actor, branchId: string, noticeId: string): Promise<NoticeRow> {
		if (!/^[0-9a-f-]{36}$/i.test(noticeId)) throw new DomainError('NOT_FOUND', msg('errors.notices.notFound'));
		const rows = await em.execute<NoticeRow[]>(`${SELECT} where n.id = ? and n.branch_id = ? and n.hospital_id = ?`, [
			actor.userId,
			noticeId,
			branchId,
			actor.hospitalId
		]);
		if (!rows[0]) throw new DomainError('NOT_FOUND', msg('errors.notices.notFound'));
		return rows[0];
	}

	return {
		/** Active notices of a branch, newest first: not cleared, not expired. */
		async listActive(actor: Actor, branchId: string): Promise<NoticeDto[]> {
			requireBranch(actor, branchId);
			if (!can(actor, 'notices:read', branchId)) throw new DomainError('FORBIDDEN');
			const rows = await orm.em.fork().execute<NoticeRow[]>(
				`${SELECT} where n.branch_id = ? and n.hospital_id = ? and n.cleared_at is null
				 and (n.expires_at is null or n.expires_at > now()) order by n.created_at desc limit 50`,
				[actor.userId, branchId, actor.hospitalId]
			);
			return rows.map((r) => toDto(r));
		},

		async post(actor: Actor, branchId: string, input: unknown): Promise<NoticeDto> {
			requireBranch(actor, branchId);
			const { message, expiresInMinutes, urgent = false, onBoard = false } = parseInput(ZPostNoticeInput, input);
			if (!can(actor, 'notices:post', branchId)) throw new DomainError('FORBIDDEN', msg('errors.notices.cannotPost'));
			const outbox = new OutboxBatch();
			const notice = await orm.em.fork().transactional(async (em) => {
				const [row] = await em.execute<{ id: string }[]>(
					`insert into branch_notice (id, hospital_id, branch_id, message, urgent, on_board, posted_by_id, created_at, expires_at, version)
					 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now(),
					   case when ?::int is null then null else now() + (?::int * interval '1 minute') end, 1)
					 returning id`,
					[actor.hospitalId, branchId, message, urgent, onBoard, actor.userId, expiresInMinutes ?? null, expiresInMinutes ?? null]
				);
				const dto = toDto(await findOne(em, actor, branchId, row!.id), true);
				await outbox.broadcast(em, rooms.branch(branchId), 'notice.posted', { notice: dto, version: dto.version });
				if (onBoard) await tellBoards(em, outbox, branchId);
				return dto;
			});
			afterCommit(outbox);
			logger.info({ event: 'notice.posted', noticeId: notice.id, branchId, userId: actor.userId, urgent, onBoard }, 'notice posted');
			// The notice is already on every screen; email is a courtesy on top, sent after answering.
			if (urgent) void emailUrgentNotice(actor, branchId, notice).catch((err) => logger.error({ err, noticeId: notice.id }, 'urgent notice email failed'));
			return notice;
		},

		/** Clear for everyone: the poster, or someone allowed to clear any notice. Clearing twice is harmless. */
		async clear(actor: Actor, branchId: string, noticeId: string): Promise<NoticeDto> {
			requireBranch(actor, branchId);
			const outbox = new OutboxBatch();
			const result = await orm.em.fork().transactional(async (em) => {
				const current = await findOne(em, actor, branchId, noticeId);
				if (current.posted_by_id !== actor.userId && !can(actor, 'notices:clear-any', branchId)) {
					throw new DomainError('FORBIDDEN', msg('errors.notices.cannotClear'));
				}
				if (current.cleared_at) return { dto: toDto(current), changed: false };
				await em.execute(
					'update branch_notice set cleared_at = now(), cleared_by_id = ?, version = version + 1 where id = ? and version = ?',
					[actor.userId, noticeId, current.version],
					'run'
				);
				const dto = toDto(await findOne(em, actor, branchId, noticeId), true);
				if (dto.version !== current.version + 1) throw new DomainError('STALE_VERSION');
				await outbox.broadcast(em, rooms.branch(branchId), 'notice.cleared', { notice: dto, version: dto.version });
				if (dto.onBoard) await tellBoards(em, outbox, branchId);
				return { dto, changed: true };
			});
			if (result.changed) {
				afterCommit(outbox);
				logger.info({ event: 'notice.cleared', noticeId, branchId, userId: actor.userId }, 'notice cleared');
			}
			return result.dto;
		},

		/** Hide a notice for this user only, on all their screens. */
		async dismiss(actor: Actor, branchId: string, noticeId: string): Promise<void> {
			requireBranch(actor, branchId);
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				await findOne(em, actor, branchId, noticeId);
				await em.execute(
					`insert into notice_dismissal (id, notice_id, user_id, created_at) values (gen_random_uuid(), ?, ?, now())
					 on conflict (notice_id, user_id) do nothing`,
					[noticeId, actor.userId],
					'run'
				);
				await outbox.broadcast(em, rooms.user(actor.userId), 'notice.dismissed', { noticeId, branchId });
			});
			afterCommit(outbox);
		}
	};
}

export type NoticeService = ReturnType<typeof createNoticeService>;
