import { z } from 'zod';

export const NOTICE_MAX_LENGTH = 280;
export const NOTICE_MAX_EXPIRY_MINUTES = 7 * 24 * 60;

export const ZPostNoticeInput = z
	.object({
		message: z
			.string({ error: 'notices.v.messageRequired' })
			.trim()
			.min(1, 'notices.v.messageTooShort')
			.max(NOTICE_MAX_LENGTH, 'notices.v.messageTooLong'),
		expiresInMinutes: z
			.number({ error: 'notices.v.expiryType' })
			.int('notices.v.expiryWhole')
			.min(1, 'notices.v.expiryMin')
			.max(NOTICE_MAX_EXPIRY_MINUTES, 'notices.v.expiryMax')
			.optional(),
		/** Also email it to the branch's staff who asked for email alerts. */
		urgent: z.boolean({ error: 'notices.v.urgent' }).optional(),
		/** Also show it on the branch's waiting-room TVs (patients read those): off unless asked for. */
		onBoard: z.boolean({ error: 'notices.v.onBoard' }).optional()
	})
	.strict();
export type PostNoticeInput = z.infer<typeof ZPostNoticeInput>;

export const ZNotice = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	message: z.string(),
	urgent: z.boolean(),
	/** Whether the branch's waiting-room TVs show it. */
	onBoard: z.boolean(),
	postedBy: z.object({ id: z.uuid(), name: z.string() }),
	createdAt: z.iso.datetime(),
	expiresAt: z.iso.datetime().nullable(),
	clearedAt: z.iso.datetime().nullable(),
	/** Whether the signed-in user has dismissed it for themselves. */
	dismissed: z.boolean(),
	version: z.int()
});
export type NoticeDto = z.infer<typeof ZNotice>;

export const ZNoticeList = z.object({ notices: z.array(ZNotice) });
