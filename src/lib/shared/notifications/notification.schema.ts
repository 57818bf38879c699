import { z } from 'zod';

export const ZNotification = z.object({
	id: z.uuid(),
	branchId: z.uuid().nullable(),
	/** Rendered with `notifications.<kind>` and `params`. */
	kind: z.string(),
	params: z.record(z.string(), z.union([z.string(), z.number()])),
	link: z.string().nullable(),
	createdAt: z.iso.datetime({ offset: true }),
	readAt: z.iso.datetime({ offset: true }).nullable()
});
export type NotificationDto = z.infer<typeof ZNotification>;
export const ZNotificationList = z.object({ items: z.array(ZNotification), unread: z.int() });

/** Which of my notifications to mark read; without `ids`, all of them. Ids that are not mine are ignored. */
export const ZMarkNotificationsReadInput = z
	.object({
		ids: z.array(z.uuid({ error: 'notifications.v.ids' }), { error: 'notifications.v.ids' }).max(500, 'validation.tooMany').optional()
	})
	.strict();
export type MarkNotificationsReadInput = z.infer<typeof ZMarkNotificationsReadInput>;
