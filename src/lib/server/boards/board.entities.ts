import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';

/**
 * A waiting-room TV paired to one branch's queue board. An admin creates it and reads a short
 * pairing code off the admin screen; the TV exchanges that code once for a device token that can
 * read that board and nothing else. Only hashes are stored; revoking cuts the TV off at once.
 */
export const BoardDevice = defineEntity({
	name: 'BoardDevice',
	tableName: 'board_device',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		name: p.string().length(80),
		/** SHA-256 of the pairing code while it waits to be used; null once used or expired. */
		pairingCodeHash: p.string().length(64).nullable().unique(),
		pairingExpiresAt: p.datetime().nullable(),
		/** SHA-256 of the device token the TV holds; null until paired. */
		tokenHash: p.string().length(64).nullable().unique(),
		pairedAt: p.datetime().nullable(),
		lastSeenAt: p.datetime().nullable(),
		revokedAt: p.datetime().nullable(),
		createdBy: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime()
	},
	indexes: [{ properties: ['branch'] }]
});
export type BoardDevice = InferEntity<typeof BoardDevice>;
