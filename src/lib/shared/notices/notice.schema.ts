import { z } from 'zod';

export const NOTICE_MAX_LENGTH = 280;
export const NOTICE_MAX_EXPIRY_MINUTES = 7 * 24 * 60;

export const ZPostNoticeInput = z
	.object({
		message: z
			.string({ error: 'message is required' })
			.trim()
			.min(1, 'Write a notice of at least 1 character')
			.max(NOTICE_MAX_LENGTH, `Keep the notice to ${NOTICE_MAX_LENGTH} characters or fewer`),
		expiresInMinutes: z
			.number({ error: 'expiresInMinutes must be a number of minutes' })
			.int('expiresInMinutes must be a whole number of minutes')
			.min(1, 'expiresInMinutes must be at least 1')
			.max(NOTICE_MAX_EXPIRY_MINUTES, 'expiresInMinutes can be at most 10080 (one week)')
			.optional(),
		/** Also email it to the branch's staff who asked for email alerts. */
		urgent: z.boolean({ error: 'notices.v.urgent' }).optional()
	})
	.strict();
export type PostNoticeInput = z.infer<typeof ZPostNoticeInput>;

export const ZNotice = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	message: z.string(),
	urgent: z.boolean(),
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
