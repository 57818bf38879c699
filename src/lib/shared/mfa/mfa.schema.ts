import { z } from 'zod';

export const ZMfaCodeInput = z
	.object({
		/** A 6-digit code from the authenticator app, or a recovery code. */
		code: z
			.string({ error: 'mfa.v.codeRequired' })
			.trim()
			.transform((v) => v.replace(/[\s-]/g, ''))
			.pipe(z.string().regex(/^(\d{6}|[a-z2-7]{10})$/i, 'mfa.v.code'))
	})
	.strict();
export type MfaCodeInput = z.infer<typeof ZMfaCodeInput>;

export const ZPasswordConfirmInput = z.object({ password: z.string({ error: 'auth.v.enterPassword' }).min(1, 'auth.v.enterPassword') }).strict();

export const ZMfaStatus = z.object({
	enrolled: z.boolean(),
	/** One of the user's roles requires a second factor. */
	required: z.boolean(),
	recoveryCodesLeft: z.int()
});
export type MfaStatus = z.infer<typeof ZMfaStatus>;

export const ZTotpSetup = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export type TotpSetup = z.infer<typeof ZTotpSetup>;

export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
