import { z } from 'zod';

export const ZAuditQuery = z
	.object({
		action: z.string().trim().max(80).regex(/^[a-z_.-]*$/, 'audit.v.action').optional(),
		actorUserId: z.uuid('audit.v.actorUserId').optional(),
		from: z.iso.datetime({ error: 'audit.v.from', offset: true }).optional(),
		to: z.iso.datetime({ error: 'audit.v.to', offset: true }).optional(),
		page: z.coerce.number().int().min(1).default(1),
		pageSize: z.coerce.number().int().min(1).max(200).default(50)
	})
	.strict();
export type AuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEvent = z.object({
	id: z.int(),
	hospitalId: z.uuid().nullable(),
	seq: z.int(),
	branchId: z.uuid().nullable(),
	actorUserId: z.uuid().nullable(),
	actorLabel: z.string(),
	action: z.string(),
	targetType: z.string().nullable(),
	targetId: z.string().nullable(),
	before: z.unknown(),
	after: z.unknown(),
	ip: z.string().nullable(),
	userAgent: z.string().nullable(),
	occurredAt: z.iso.datetime(),
	hash: z.string()
});
export type AuditEventDto = z.infer<typeof ZAuditEvent>;

export const ZAuditPage = z.object({ events: z.array(ZAuditEvent), page: z.int(), pageSize: z.int(), hasMore: z.boolean() });
export type AuditPage = z.infer<typeof ZAuditPage>;

export const ZChainReport = z.object({
	ok: z.boolean(),
	checked: z.int(),
	brokenAt: z.object({ id: z.int(), seq: z.int(), reason: z.string() }).nullable()
});
export type ChainReport = z.infer<typeof ZChainReport>;
