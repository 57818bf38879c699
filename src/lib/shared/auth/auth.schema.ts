import { z } from 'zod';

export const ZLoginInput = z.object({
	email: z.string({ error: 'auth.v.emailRequired' }).trim().toLowerCase().pipe(z.email('auth.v.email')),
	password: z.string({ error: 'auth.v.passwordRequired' }).min(1, 'auth.v.enterPassword').max(1024, 'auth.v.passwordTooLong')
});
export type LoginInput = z.infer<typeof ZLoginInput>;

export const ZUser = z.object({ id: z.uuid(), name: z.string(), email: z.email() });
export type UserDto = z.infer<typeof ZUser>;

export const ZBranchSummary = z.object({
	id: z.uuid(),
	name: z.string(),
	code: z.string(),
	timeZone: z.string(),
	/** Names of the roles that apply in this branch. */
	roles: z.array(z.string()),
	/** What the user may do in this branch. */
	permissions: z.array(z.string())
});
export type BranchSummary = z.infer<typeof ZBranchSummary>;

export const ZMe = z.object({
	user: ZUser,
	hospital: z.object({ id: z.uuid(), name: z.string() }),
	branches: z.array(ZBranchSummary),
	/** What the user may do hospital-wide (from roles not tied to one branch). */
	hospitalPermissions: z.array(z.string())
});
export type MeDto = z.infer<typeof ZMe>;

export const ZLoginResult = z.union([z.object({ user: ZUser }), z.object({ mfaRequired: z.literal(true) })]);
