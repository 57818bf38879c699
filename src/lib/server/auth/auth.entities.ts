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
		/** E.164, e.g. +919876543210. */
		phone: p.string().length(20).nullable(),
		/** Null until an invited user has set a password. */
		passwordHash: p.text().hidden().nullable(),
		active: p.boolean().default(true),
		/** Consecutive failed sign-ins since the last success or lock. */
		failedAttempts: p.integer().default(0),
		/** Locked until then; each lock since the last success lasts twice as long as the one before. */
		lockedUntil: p.datetime().nullable(),
		lockCount: p.integer().default(0),
		/** system | light | dark, applied on every device the person signs in on. */
		theme: p.string().length(10).default('system'),
		/** Pop up a toast when a notice is posted to the branch (the strip shows it either way). */
		noticeToasts: p.boolean().default(true),
		/** en | hi: the language of every screen and email for this person; null follows their device. */
		language: p.string().length(5).nullable(),
		/**
		 * Set for a patient's portal account: it sees that patient's own record and nothing else
		 * (no roles, so no staff page or endpoint lets it in).
		 */
		patientId: p.uuid().nullable().unique(),
		/** Also send urgent alerts (such as urgent branch notices) by email. */
		emailAlerts: p.boolean().default(false),
		version: p.integer().default(1),
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
		userAgent: p.string().length(400).nullable(),
		/** Password accepted, second factor still owed: the session can do nothing but complete MFA. */
		mfaPending: p.boolean().default(false),
		mfaAttempts: p.integer().default(0)
	},
	indexes: [{ properties: ['user'] }]
});
export type Session = InferEntity<typeof Session>;

/** A single-use link to join: only a SHA-256 of the token is stored. */
export const Invitation = defineEntity({
	name: 'Invitation',
	tableName: 'invitation',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		tokenHash: p.string().length(64).unique().hidden(),
		createdBy: () => p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
		createdAt: p.datetime(),
		expiresAt: p.datetime(),
		usedAt: p.datetime().nullable()
	}
});
export type Invitation = InferEntity<typeof Invitation>;

/** A password-reset link: single use, 30 minutes, only a SHA-256 of the token stored. */
export const PasswordReset = defineEntity({
	name: 'PasswordReset',
	tableName: 'password_reset',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		tokenHash: p.string().length(64).unique().hidden(),
		createdAt: p.datetime(),
		expiresAt: p.datetime(),
		usedAt: p.datetime().nullable()
	}
});
export type PasswordReset = InferEntity<typeof PasswordReset>;

/** A personal API token: `sst_<id>_<secret>`, shown once; only SHA-256(secret) is stored. */
export const ApiToken = defineEntity({
	name: 'ApiToken',
	tableName: 'api_token',
	properties: {
		id: p.string().length(32).primary(),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		name: p.string().length(80),
		secretHash: p.string().length(64).hidden(),
		/** A subset of the owner's permissions; what the owner loses, the token loses too. */
		permissions: p.array(),
		createdAt: p.datetime(),
		expiresAt: p.datetime(),
		lastUsedAt: p.datetime().nullable(),
		revokedAt: p.datetime().nullable()
	},
	indexes: [{ properties: ['user'] }]
});
export type ApiToken = InferEntity<typeof ApiToken>;
