import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';

export const BranchNotice = defineEntity({
	name: 'BranchNotice',
	tableName: 'branch_notice',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		message: p.string().length(280),
		/** Urgent notices are also emailed to staff of the branch who asked for email alerts. */
		urgent: p.boolean().default(false),
		/** Shown on the branch's waiting-room TVs too; staff notices stay off them unless the poster says so. */
		onBoard: p.boolean().default(false),
		postedBy: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime(),
		expiresAt: p.datetime().nullable(),
		clearedAt: p.datetime().nullable(),
		clearedBy: () => p.manyToOne(User).mapToPk().nullable(),
		version: p.integer().default(1)
	},
	indexes: [{ properties: ['branch', 'createdAt'] }]
});
export type BranchNotice = InferEntity<typeof BranchNotice>;

/** "Hide this for me": per user, so it holds on every device they use. */
export const NoticeDismissal = defineEntity({
	name: 'NoticeDismissal',
	tableName: 'notice_dismissal',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		notice: () => p.manyToOne(BranchNotice).mapToPk().deleteRule('cascade'),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		createdAt: p.datetime().onCreate(() => new Date())
	},
	uniques: [{ properties: ['notice', 'user'] }]
});
export type NoticeDismissal = InferEntity<typeof NoticeDismissal>;
