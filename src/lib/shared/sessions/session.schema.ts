import { z } from 'zod';

export const ZSessionInfo = z.object({
	id: z.string(),
	current: z.boolean(),
	device: z.string(),
	ip: z.string().nullable(),
	createdAt: z.iso.datetime(),
	lastActiveAt: z.iso.datetime(),
	expiresAt: z.iso.datetime()
});
export type SessionInfo = z.infer<typeof ZSessionInfo>;

export const ZSessionList = z.object({ sessions: z.array(ZSessionInfo) });
