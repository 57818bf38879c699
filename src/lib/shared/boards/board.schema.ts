import { z } from 'zod';

/** What a waiting-room TV shows: tokens and initials only, never names. */
export const ZBoardState = z.object({
	branch: z.object({ id: z.uuid(), name: z.string(), languages: z.array(z.string()), /** IANA zone: the clock shows the branch's time whatever the TV is set to. */ timeZone: z.string() }),
	day: z.string(),
	/** Most recent call first. */
	calling: z.array(z.object({ token: z.string(), initials: z.string(), room: z.string(), calledAt: z.iso.datetime({ offset: true }) })),
	/** Next in line, in order. */
	next: z.array(z.object({ token: z.string(), initials: z.string(), expectedWaitMinutes: z.int().nullable() })),
	/** Typical wait today per token prefix (C, P, S), in minutes. */
	typicalWaitMinutes: z.record(z.string(), z.int()),
	notices: z.array(z.object({ id: z.uuid(), message: z.string(), urgent: z.boolean() })),
	seq: z.int()
});
export type BoardState = z.infer<typeof ZBoardState>;

export const ZCreateBoardInput = z.object({ name: z.string().trim().min(1, 'boards.v.name').max(80, 'validation.tooLong') }).strict();
export const ZPairBoardInput = z.object({ code: z.string().trim().min(4, 'boards.v.code').max(20, 'boards.v.code') }).strict();

export const ZBoardDevice = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	name: z.string(),
	/** waiting-to-pair | paired | revoked | expired */
	state: z.enum(['waiting-to-pair', 'paired', 'revoked', 'expired']),
	pairingExpiresAt: z.iso.datetime({ offset: true }).nullable(),
	pairedAt: z.iso.datetime({ offset: true }).nullable(),
	lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
	revokedAt: z.iso.datetime({ offset: true }).nullable(),
	createdAt: z.iso.datetime({ offset: true })
});
export type BoardDeviceDto = z.infer<typeof ZBoardDevice>;
