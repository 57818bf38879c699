import { z } from 'zod';
import { ALL_PERMISSIONS, type Permission } from '../access/permissions.ts';

const ZDescription = z.string().trim().max(280, 'roles.v.descriptionTooLong');

const ZPermission = z.string().refine((p): p is Permission => (ALL_PERMISSIONS as string[]).includes(p), { error: 'roles.v.unknownPermission' });

export const ZCreateRoleInput = z
	.object({
		name: z.string({ error: 'roles.v.nameRequired' }).trim().min(2, 'roles.v.nameTooShort').max(80, 'roles.v.nameTooLong'),
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
		version: z.int('roles.v.version')
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
