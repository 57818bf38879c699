import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';

/** A named set of permissions in one hospital. System roles are seeded and cannot be deleted. */
export const Role = defineEntity({
	name: 'Role',
	tableName: 'role',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		name: p.string().length(80),
		description: p.string().length(280).default(''),
		/** The SYSTEM_ROLES key for a seeded role; null for a custom one. */
		systemKey: p.string().length(40).nullable(),
		permissions: p.array(),
		mfaRequired: p.boolean().default(false),
		version: p.integer().default(1),
		createdAt: p.datetime().onCreate(() => new Date())
	},
	uniques: [
		{ properties: ['hospital', 'name'] },
		{ name: 'role_system_key_once', expression: 'create unique index "role_system_key_once" on "role" ("hospital_id", "system_key") where "system_key" is not null' }
	]
});
export type Role = InferEntity<typeof Role>;

/** A role given to a user, hospital-wide (branch null) or in one branch. */
export const RoleAssignment = defineEntity({
	name: 'RoleAssignment',
	tableName: 'role_assignment',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		role: () => p.manyToOne(Role).mapToPk().deleteRule('cascade'),
		branch: () => p.manyToOne(Branch).mapToPk().nullable().deleteRule('cascade'),
		createdAt: p.datetime().onCreate(() => new Date())
	},
	indexes: [{ properties: ['user'] }],
	uniques: [
		{
			name: 'role_assignment_once',
			expression: `create unique index "role_assignment_once" on "role_assignment" ("user_id", "role_id", coalesce("branch_id", '00000000-0000-0000-0000-000000000000'::uuid))`
		}
	]
});
export type RoleAssignment = InferEntity<typeof RoleAssignment>;
