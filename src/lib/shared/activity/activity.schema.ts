import { z } from 'zod';

export const ZActivitySummary = z.object({
	/** Sign-ins and failed attempts per hour, the last 24 hours, oldest first. */
	hours: z.array(z.object({ hour: z.iso.datetime(), signIns: z.int(), failures: z.int() })),
	activeSessions: z.int(),
	lockedAccounts: z.array(z.object({ id: z.uuid(), name: z.string(), lockedUntil: z.iso.datetime() })),
	recentAdminActions: z.array(z.object({ seq: z.int(), at: z.iso.datetime(), actor: z.string(), action: z.string() }))
});
export type ActivitySummary = z.infer<typeof ZActivitySummary>;
