import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';
import { Patient } from '../patients/patient.entities.ts';
import { Appointment, ClinicService, Room } from '../scheduling/scheduling.entities.ts';

/**
 * A patient in a branch's waiting queue for one day: checked in (with an appointment or as a
 * walk-in), given a token such as `C-014`, then waiting → called (to a room) → in service → done,
 * or left. `position` orders the waiting line (priority first); reception may reorder it.
 */
export const QueueEntry = defineEntity({
	name: 'QueueEntry',
	tableName: 'queue_entry',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		/** The branch's local calendar day the token belongs to. */
		day: p.date(),
		/** `C-014`: the category's prefix and the day's number for that prefix. */
		token: p.string().length(12),
		prefix: p.string().length(2),
		number: p.integer(),
		patient: () => p.manyToOne(Patient).mapToPk(),
		appointment: () => p.manyToOne(Appointment).mapToPk().nullable(),
		service: () => p.manyToOne(ClinicService).mapToPk().nullable(),
		/** Who the patient waits for; null = whoever is free (walk-ins). */
		practitioner: () => p.manyToOne(User).mapToPk().nullable(),
		/** waiting | called | in-service | done | left */
		status: p.string().length(12).default('waiting'),
		priority: p.boolean().default(false),
		priorityReason: p.string().length(200).nullable(),
		position: p.double(),
		/** Where the patient was called to, and by whom. */
		room: () => p.manyToOne(Room).mapToPk().nullable(),
		calledBy: () => p.manyToOne(User).mapToPk().nullable(),
		checkedInAt: p.datetime(),
		calledAt: p.datetime().nullable(),
		startedAt: p.datetime().nullable(),
		finishedAt: p.datetime().nullable(),
		createdBy: () => p.manyToOne(User).mapToPk(),
		version: p.integer().default(1)
	},
	uniques: [{ properties: ['branch', 'day', 'token'] }],
	indexes: [{ properties: ['branch', 'day', 'status'] }],
	checks: [
		{ name: 'queue_entry_status', expression: `status in ('waiting', 'called', 'in-service', 'done', 'left')` },
		{ name: 'queue_entry_number', expression: 'number > 0' }
	]
});
export type QueueEntry = InferEntity<typeof QueueEntry>;

/** The last token number issued per branch, day and prefix (numbers are never reused within a day). */
export const QueueTokenCounter = defineEntity({
	name: 'QueueTokenCounter',
	tableName: 'queue_token_counter',
	properties: {
		branch: () => p.manyToOne(Branch).mapToPk().primary().deleteRule('cascade'),
		day: p.date().primary(),
		prefix: p.string().length(2).primary(),
		last: p.integer()
	}
});
export type QueueTokenCounter = InferEntity<typeof QueueTokenCounter>;
