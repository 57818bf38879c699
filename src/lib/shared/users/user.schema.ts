import { z } from 'zod';

const ZPhone = z
	.string()
	.trim()
	.transform((v) => v.replace(/[\s()-]/g, ''))
	.transform((v) => (/^\d{10}$/.test(v) ? `+91${v}` : v))
	.pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'users.v.phone'));

const ZName = z.string({ error: 'users.v.nameRequired' }).trim().min(1, 'users.v.nameEmpty').max(120, 'users.v.nameTooLong');
const ZEmail = z.string({ error: 'users.v.emailRequired' }).trim().toLowerCase().pipe(z.email('users.v.email')).pipe(z.string().max(254));

export const ZRoleGrant = z
	.object({
		roleId: z.uuid('users.v.chooseRole'),
		/** null: the role applies hospital-wide. */
		branchId: z.uuid('users.v.chooseBranch').nullable()
	})
	.strict();
export type RoleGrant = z.infer<typeof ZRoleGrant>;

export const ZInviteUserInput = z
	.object({
		name: ZName,
		email: ZEmail,
		phone: ZPhone.optional(),
		roles: z.array(ZRoleGrant).min(1, 'users.v.rolesMin').max(20)
	})
	.strict();
export type InviteUserInput = z.infer<typeof ZInviteUserInput>;

export const ZUpdateUserInput = z
	.object({
		name: ZName.optional(),
		phone: ZPhone.nullable().optional(),
		/** The version the editor saw; a stale one is refused. */
		version: z.int('users.v.version')
	})
	.strict();
export type UpdateUserInput = z.infer<typeof ZUpdateUserInput>;

export const USER_SORTS = ['name', 'email', 'createdAt', 'lastActiveAt'] as const;
export const USER_STATUSES = ['active', 'invited', 'locked', 'deactivated'] as const;

export const ZUserQuery = z
	.object({
		q: z.string().trim().max(100).optional(),
		roleId: z.uuid('users.v.roleId').optional(),
		branchId: z.uuid('users.v.branchId').optional(),
		status: z.enum(USER_STATUSES, { error: 'users.v.status' }).optional(),
		sort: z.enum(USER_SORTS, { error: 'users.v.sort' }).default('name'),
		dir: z.enum(['asc', 'desc']).default('asc'),
		page: z.coerce.number().int().min(1).default(1),
		pageSize: z.coerce.number().int().min(1).max(100).default(25)
	})
	.strict();
export type UserQuery = z.infer<typeof ZUserQuery>;

export const ZAssignment = z.object({
	id: z.uuid(),
	roleId: z.uuid(),
	roleName: z.string(),
	branchId: z.uuid().nullable(),
	branchName: z.string().nullable()
});

export const ZUserSummary = z.object({
	id: z.uuid(),
	name: z.string(),
	email: z.string(),
	phone: z.string().nullable(),
	status: z.enum(USER_STATUSES),
	assignments: z.array(ZAssignment),
	lastActiveAt: z.iso.datetime().nullable(),
	createdAt: z.iso.datetime(),
	lockedUntil: z.iso.datetime().nullable(),
	version: z.int()
});
export type UserSummary = z.infer<typeof ZUserSummary>;

export const ZUserPage = z.object({ users: z.array(ZUserSummary), total: z.int(), page: z.int(), pageSize: z.int() });
export type UserPage = z.infer<typeof ZUserPage>;

export const ZAcceptInvitationInput = z
	.object({
		token: z.string().min(10).max(200),
		password: z.string({ error: 'auth.v.passwordRequired' }),
		confirm: z.string().optional()
	})
	.strict()
	.refine((v) => v.confirm === undefined || v.confirm === v.password, { path: ['confirm'], error: 'passwords.v.mismatch' });
export type AcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;
