import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../auth/auth.entities.ts';

/** A user's TOTP authenticator. The secret is encrypted at rest (AES-256-GCM, key from APP_SECRET). */
export const MfaTotp = defineEntity({
	name: 'MfaTotp',
	tableName: 'mfa_totp',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		user: () => p.manyToOne(User).mapToPk().unique().deleteRule('cascade'),
		secretEnc: p.text().hidden(),
		/** Null while the user has scanned the code but not yet proved it with a first code. */
		confirmedAt: p.datetime().nullable(),
		/** The last 30-second step accepted: a code is never accepted twice. */
		lastStep: p.bigint('number').default(0),
		createdAt: p.datetime().onCreate(() => new Date())
	}
});
export type MfaTotp = InferEntity<typeof MfaTotp>;

/** Single-use recovery codes, stored as SHA-256 hashes. */
export const MfaRecoveryCode = defineEntity({
	name: 'MfaRecoveryCode',
	tableName: 'mfa_recovery_code',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		codeHash: p.string().length(64).hidden(),
		usedAt: p.datetime().nullable()
	},
	indexes: [{ properties: ['user'] }]
});
export type MfaRecoveryCode = InferEntity<typeof MfaRecoveryCode>;
