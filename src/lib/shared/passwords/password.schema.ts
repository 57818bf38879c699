import { z } from 'zod';

export const ZChangePasswordInput = z
	.object({
		currentPassword: z.string({ error: 'passwords.v.currentRequired' }).min(1, 'passwords.v.currentRequired'),
		newPassword: z.string({ error: 'passwords.v.newRequired' }),
		/** Sign out every other device too. */
		endOtherSessions: z.boolean().default(false)
	})
	.strict();
export type ChangePasswordInput = z.input<typeof ZChangePasswordInput>;

export const ZResetRequestInput = z
	.object({ email: z.string({ error: 'auth.v.emailRequired' }).trim().toLowerCase().pipe(z.email('auth.v.email')) })
	.strict();

export const ZResetCompleteInput = z
	.object({
		token: z.string().min(10).max(200),
		password: z.string({ error: 'passwords.v.newRequired' }),
		confirm: z.string().optional()
	})
	.strict()
	.refine((v) => v.confirm === undefined || v.confirm === v.password, { path: ['confirm'], error: 'passwords.v.mismatch' });
