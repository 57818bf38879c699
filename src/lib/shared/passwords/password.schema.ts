import { z } from 'zod';

export const ZChangePasswordInput = z
	.object({
		currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
		newPassword: z.string({ error: 'Enter a new password' }),
		/** Sign out every other device too. */
		endOtherSessions: z.boolean().default(false)
	})
	.strict();
export type ChangePasswordInput = z.input<typeof ZChangePasswordInput>;

export const ZResetRequestInput = z
	.object({ email: z.string({ error: 'email is required' }).trim().toLowerCase().pipe(z.email('Enter an email address like name@clinic.com')) })
	.strict();

export const ZResetCompleteInput = z
	.object({
		token: z.string().min(10).max(200),
		password: z.string({ error: 'Enter a new password' }),
		confirm: z.string().optional()
	})
	.strict()
	.refine((v) => v.confirm === undefined || v.confirm === v.password, { path: ['confirm'], error: 'The two passwords are not the same' });
