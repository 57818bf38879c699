import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row of the append-only audit trail. Rows form a hash chain per hospital: each stores the
 * previous row's hash and the hash of its own canonical content, so altering or removing a row
 * is detectable at exactly that row. A trigger refuses UPDATE and DELETE.
 */
export const AuditEvent = defineEntity({
	name: 'AuditEvent',
	tableName: 'audit_event',
	properties: {
		id: p.bigint('number').primary().autoincrement(),
		/** The chain: a hospital, or null for events no hospital can be named for (unknown email). */
		hospitalId: p.uuid().nullable(),
		seq: p.bigint('number'),
		branchId: p.uuid().nullable(),
		actorUserId: p.uuid().nullable(),
		/** Who, in words, at the time (survives renames); never an email for unknown accounts. */
		actorLabel: p.string().length(200),
		action: p.string().length(80),
		targetType: p.string().length(60).nullable(),
		targetId: p.string().length(80).nullable(),
		before: p.json<unknown>().nullable(),
		after: p.json<unknown>().nullable(),
		ip: p.string().length(64).nullable(),
		userAgent: p.string().length(400).nullable(),
		occurredAt: p.datetime(),
		prevHash: p.string().length(64),
		hash: p.string().length(64)
	},
	indexes: [
		{ properties: ['hospitalId', 'occurredAt'] },
		{ properties: ['action'] }
	],
	// Declared so that schema diffs keep it; the function it calls, and a statement-level trigger
	// refusing TRUNCATE (which the diff does not see), are created by the audit migration.
	triggers: [
		{
			name: 'audit_event_no_update_delete',
			timing: 'before',
			events: ['update', 'delete'],
			forEach: 'row',
			expression:
				'create trigger audit_event_no_update_delete before update or delete on "audit_event" for each row execute function audit_event_is_append_only()'
		}
	],
	uniques: [
		{
			name: 'audit_event_chain_seq',
			expression: `create unique index "audit_event_chain_seq" on "audit_event" (coalesce("hospital_id", '00000000-0000-0000-0000-000000000000'::uuid), "seq")`
		}
	]
});
export type AuditEvent = InferEntity<typeof AuditEvent>;
