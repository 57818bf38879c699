import { z } from 'zod';
import { ALL_PERMISSIONS, type Permission } from '../access/permissions.ts';

export const ZCreateTokenInput = z
	.object({
		name: z.string({ error: 'Name the token' }).trim().min(2, 'Name the token (at least 2 characters), e.g. "Front desk tablet"').max(80),
		expiresInDays: z.int('expiresInDays must be a whole number of days').min(1, 'A token lasts at least 1 day').max(365, 'A token lasts at most 365 days'),
		permissions: z
			.array(z.string().refine((p): p is Permission => (ALL_PERMISSIONS as string[]).includes(p), { error: 'Unknown permission' }))
			.min(1, 'Give the token at least one permission')
	})
	.strict();
export type CreateTokenInput = z.infer<typeof ZCreateTokenInput>;

export const ZTokenInfo = z.object({
	id: z.string(),
	name: z.string(),
	permissions: z.array(z.string()),
	createdAt: z.iso.datetime(),
	expiresAt: z.iso.datetime(),
	lastUsedAt: z.iso.datetime().nullable()
});
export type TokenInfo = z.infer<typeof ZTokenInfo>;

export const ZCreatedToken = ZTokenInfo.extend({ token: z.string().describe('Shown only in this answer; store it now') });
export const ZTokenList = z.object({ tokens: z.array(ZTokenInfo) });
