import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationDto } from '../../shared/notifications/notification.schema.ts';
import { rooms } from '../../shared/realtime/events.ts';
import type { OutboxBatch } from '../realtime/outbox.ts';

export interface NewNotification {
	hospitalId: string;
	branchId: string | null;
	userId: string;
	/** Rendered on screen as `notifications.<kind>` with `params`. */
	kind: string;
	params: Record<string, string | number>;
	link?: string | null;
}

/**
 * Leave a notification for one person in the caller's transaction; it reaches their open screens
 * (their own room only) once the transaction commits.
 */
export async function notifyUser(em: EntityManager, outbox: OutboxBatch, n: NewNotification): Promise<NotificationDto> {
	const [row] = await em.execute<{ id: string; created_at: Date }[]>(
		`insert into user_notification (id, hospital_id, branch_id, user_id, kind, params, link, created_at)
		 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now()) returning id, created_at`,
		[n.hospitalId, n.branchId, n.userId, n.kind, JSON.stringify(n.params), n.link ?? null]
	);
	const notification: NotificationDto = {
		id: row!.id,
		branchId: n.branchId,
		kind: n.kind,
		params: n.params,
		link: n.link ?? null,
		createdAt: new Date(row!.created_at).toISOString().replace('Z', '+00:00'),
		readAt: null
	};
	await outbox.broadcast(em, rooms.user(n.userId), 'notification.created', { notification });
	return notification;
}
