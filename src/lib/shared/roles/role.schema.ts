import { z } from 'zod';
import { ALL_PERMISSIONS, type Permission } from '../access/permissions.ts';

const ZDescription = z.string().trim().max(280, 'Keep the description to 280 characters or fewer');

const ZPermission = z.string().refine((p): p is Permission => (ALL_PERMISSIONS as string[]).includes(p), { error: 'Unknown permission' });

export const ZCreateRoleInput = z
	.object({
		name: z.string({ error: 'name is required' }).trim().min(2, 'Name the role (at least 2 characters)').max(80, 'Keep the name to 80 characters or fewer'),
		description: ZDescription.default(''),
		permissions: z.array(ZPermission).max(ALL_PERMISSIONS.length),
		mfaRequired: z.boolean().default(false),
		/** Start from a copy of this role's permissions (e.g. a system role). */
		copyOf: z.uuid().optional()
	})
	.strict();
export type CreateRoleInput = z.input<typeof ZCreateRoleInput>;

export const ZUpdateRoleInput = z
	.object({
		name: ZCreateRoleInput.shape.name.optional(),
		description: ZDescription.optional(),
		permissions: ZCreateRoleInput.shape.permissions.optional(),
		mfaRequired: z.boolean().optional(),
		version: z.int('version must be the number from the role you edited')
	})
	.strict();
export type UpdateRoleInput = z.infer<typeof ZUpdateRoleInput>;

export const ZRole = z.object({
	id: z.uuid(),
	name: z.string(),
	description: z.string(),
	system: z.boolean(),
	permissions: z.array(z.string()),
	mfaRequired: z.boolean(),
	assignedUsers: z.int(),
	version: z.int()
});
export type RoleDto = z.infer<typeof ZRole>;

export const ZRoleList = z.object({ roles: z.array(ZRole) });
