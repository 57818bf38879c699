import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';

/** Something one person should know, shown live in their bell (e.g. "your patient checked in"). */
export const UserNotification = defineEntity({
	name: 'UserNotification',
	tableName: 'user_notification',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk().nullable(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		/** e.g. `queue.checked-in`; the screen renders it from `notifications.<kind>` with `params`. */
		kind: p.string().length(40),
		params: p.json<Record<string, string | number>>(),
		/** Where clicking it leads, relative to the app. */
		link: p.string().length(300).nullable(),
		createdAt: p.datetime(),
		readAt: p.datetime().nullable()
	},
	indexes: [{ properties: ['user', 'createdAt'] }]
});
export type UserNotification = InferEntity<typeof UserNotification>;
