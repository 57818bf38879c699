import { z } from 'zod';
import { ALL_PERMISSIONS, type Permission } from '../access/permissions.ts';

export const ZCreateTokenInput = z
	.object({
		name: z.string({ error: 'tokens.v.nameRequired' }).trim().min(2, 'tokens.v.nameTooShort').max(80),
		expiresInDays: z.int('tokens.v.daysWhole').min(1, 'tokens.v.daysMin').max(365, 'tokens.v.daysMax'),
		permissions: z
			.array(z.string().refine((p): p is Permission => (ALL_PERMISSIONS as string[]).includes(p), { error: 'tokens.v.unknownPermission' }))
			.min(1, 'tokens.v.permissionsMin')
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
