import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../auth/auth.entities.ts';

/** A staff member's photo, kept apart from app_user so lists never load image bytes. */
export const UserPhoto = defineEntity({
	name: 'UserPhoto',
	tableName: 'user_photo',
	properties: {
		user: () => p.manyToOne(User).mapToPk().primary().deleteRule('cascade'),
		contentType: p.string().length(20),
		data: p.blob().lazy(),
		updatedAt: p.datetime()
	}
});
export type UserPhoto = InferEntity<typeof UserPhoto>;
