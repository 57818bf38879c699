import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Hospital } from '../tenancy/tenancy.entities.ts';

export const User = defineEntity({
	name: 'User',
	tableName: 'app_user',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		name: p.string().length(120),
		/** Stored lower-cased; unique across the installation because it is the sign-in name. */
		email: p.string().length(254).unique(),
		passwordHash: p.text().hidden(),
		active: p.boolean().default(true),
		/** Consecutive failed sign-ins since the last success or lock. */
		failedAttempts: p.integer().default(0),
		/** Locked until then; each lock since the last success lasts twice as long as the one before. */
		lockedUntil: p.datetime().nullable(),
		lockCount: p.integer().default(0),
		createdAt: p.datetime().onCreate(() => new Date())
	}
});
export type User = InferEntity<typeof User>;

/** A sign-in. The token the browser holds is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const Session = defineEntity({
	name: 'Session',
	tableName: 'session',
	properties: {
		id: p.string().length(32).primary(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		secretHash: p.string().length(64).hidden(),
		createdAt: p.datetime(),
		lastActiveAt: p.datetime(),
		/** Absolute end of the session, whatever the activity. */
		expiresAt: p.datetime(),
		ip: p.string().length(64).nullable(),
		userAgent: p.string().length(400).nullable()
	},
	indexes: [{ properties: ['user'] }]
});
export type Session = InferEntity<typeof Session>;
