import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../shared/access/actor.ts';
import { ZMarkNotificationsReadInput, type NotificationDto } from '../../shared/notifications/notification.schema.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { parseInput } from '../errors/domain-error.ts';
import { OutboxBatch } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';

/** The bell shows this many; older ones stay in the table but out of sight. */
export const NOTIFICATIONS_SHOWN = 50;

interface NotificationRow {
	id: string;
	branch_id: string | null;
	kind: string;
	params: Record<string, string | number>;
	link: string | null;
	created_at: Date;
	read_at: Date | null;
}

const iso = (d: Date) => new Date(d).toISOString().replace('Z', '+00:00');

function toDto(r: NotificationRow): NotificationDto {
	return { id: r.id, branchId: r.branch_id, kind: r.kind, params: r.params, link: r.link, createdAt: iso(r.created_at), readAt: r.read_at ? iso(r.read_at) : null };
}

/**
 * A person's own notifications (others write them with `notifyUser`). Everything here is scoped
 * to the actor's own user id: nobody reads or marks anyone else's, whatever ids they send.
 */
export function createNotificationService({ orm, afterCommit }: ServiceDeps) {
	async function list(em: EntityManager, actor: Actor): Promise<{ items: NotificationDto[]; unread: number }> {
		const items = await em.execute<NotificationRow[]>(
			`select id, branch_id, kind, params, link, created_at, read_at from user_notification
			 where user_id = ? and hospital_id = ? order by created_at desc, id desc limit ${NOTIFICATIONS_SHOWN}`,
			[actor.userId, actor.hospitalId]
		);
		const [count] = await em.execute<{ n: number }[]>('select count(*)::int as n from user_notification where user_id = ? and hospital_id = ? and read_at is null', [
			actor.userId,
			actor.hospitalId
		]);
		return { items: items.map(toDto), unread: count!.n };
	}

	return {
		/** My latest notifications, newest first, and how many of all of mine are unread. */
		async list(actor: Actor): Promise<{ items: NotificationDto[]; unread: number }> {
			return list(orm.em.fork(), actor);
		},

		/** Mark some (`ids`) or all of mine read; my other open screens hear of it. Returns the list after. */
		async markRead(actor: Actor, input: unknown): Promise<{ items: NotificationDto[]; unread: number }> {
			const { ids } = parseInput(ZMarkNotificationsReadInput, input ?? {});
			if (ids && ids.length === 0) return list(orm.em.fork(), actor);
			const outbox = new OutboxBatch();
			const result = await orm.em.fork().transactional(async (em) => {
				// uuids only (validated above), so the array literal is safe to build.
				const marked = await em.execute<{ id: string; read_at: Date }[]>(
					`update user_notification set read_at = now()
					 where user_id = ? and hospital_id = ? and read_at is null${ids ? ' and id = any(?::uuid[])' : ''}
					 returning id, read_at`,
					ids ? [actor.userId, actor.hospitalId, `{${ids.join(',')}}`] : [actor.userId, actor.hospitalId]
				);
				if (marked.length) await outbox.broadcast(em, rooms.user(actor.userId), 'notification.read', { ids: marked.map((m) => m.id), readAt: iso(marked[0]!.read_at) });
				return list(em, actor);
			});
			afterCommit(outbox);
			return result;
		}
	};
}

export type NotificationService = ReturnType<typeof createNotificationService>;
