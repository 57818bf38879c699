import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../scheduling/appointment.schema.ts';

export const QUEUE_STATUSES = ['waiting', 'called', 'in-service', 'done', 'left'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Token prefixes by what the patient came for: C-014 for a consultation, P-007 for a procedure. */
export const TOKEN_PREFIX: Record<(typeof SERVICE_CATEGORIES)[number] | 'walk-in', string> = {
	consultation: 'C',
	'follow-up': 'C',
	'walk-in': 'C',
	laser: 'P',
	injectable: 'P',
	peel: 'P',
	facial: 'P',
	surgery: 'S'
};

/** Check a patient in: for their appointment today, or as a walk-in (optionally for a service or practitioner). */
export const ZCheckInInput = z
	.object({
		patientId: z.uuid({ error: 'queue.v.patient' }),
		appointmentId: z.uuid({ error: 'queue.v.appointment' }).optional(),
		serviceId: z.uuid({ error: 'queue.v.service' }).optional(),
		practitionerId: z.uuid({ error: 'queue.v.practitioner' }).optional(),
		priority: z.boolean().optional(),
		priorityReason: z.string().trim().max(200, 'validation.tooLong').optional()
	})
	.strict()
	.refine((v) => !v.priority || (v.priorityReason ?? '').length > 0, { path: ['priorityReason'], error: 'queue.v.priorityReason' });
export type CheckInInput = z.input<typeof ZCheckInInput>;

/** Call the next patient (for this practitioner, else anyone waiting for whoever is free) to a room. */
export const ZCallNextInput = z
	.object({
		roomId: z.uuid({ error: 'queue.v.room' }),
		/** Defaults to the caller. */
		practitionerId: z.uuid({ error: 'queue.v.practitioner' }).optional()
	})
	.strict();

/** Call one token to a room (or call it again). */
export const ZCallInput = z.object({ roomId: z.uuid({ error: 'queue.v.room' }), version: z.int('validation.version') }).strict();

export const ZQueueStatusInput = z
	.object({
		status: z.enum(['waiting', 'in-service', 'done', 'left'], { error: 'queue.v.status' }),
		version: z.int('validation.version')
	})
	.strict();

export const ZPriorityInput = z
	.object({
		priority: z.boolean({ error: 'queue.v.priority' }),
		reason: z.string().trim().max(200, 'validation.tooLong').optional(),
		version: z.int('validation.version')
	})
	.strict()
	.refine((v) => !v.priority || (v.reason ?? '').length > 0, { path: ['reason'], error: 'queue.v.priorityReason' });

/** Move a waiting patient to just before another waiting patient (or to the end when `beforeId` is null). */
export const ZReorderInput = z.object({ beforeId: z.uuid({ error: 'queue.v.entry' }).nullable(), version: z.int('validation.version') }).strict();

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZQueueEntry = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	/** The branch's local day, YYYY-MM-DD. */
	day: z.string(),
	token: z.string(),
	status: z.enum(QUEUE_STATUSES),
	priority: z.boolean(),
	priorityReason: z.string().nullable(),
	patient: ZRef.extend({ mrn: z.string() }),
	appointmentId: z.uuid().nullable(),
	/** The appointment's start, for patients who came for one. */
	appointmentStart: z.iso.datetime({ offset: true }).nullable(),
	service: ZRef.extend({ category: z.enum(SERVICE_CATEGORIES) }).nullable(),
	practitioner: ZRef.nullable(),
	room: ZRef.nullable(),
	checkedInAt: z.iso.datetime({ offset: true }),
	calledAt: z.iso.datetime({ offset: true }).nullable(),
	startedAt: z.iso.datetime({ offset: true }).nullable(),
	finishedAt: z.iso.datetime({ offset: true }).nullable(),
	/** Place among those waiting (1 = next), null once called. */
	place: z.int().nullable(),
	/** Expected minutes until called, from how long visits actually take today; null once called. */
	expectedWaitMinutes: z.int().nullable(),
	version: z.int()
});
export type QueueEntryDto = z.infer<typeof ZQueueEntry>;

/** A branch's queue for one day: who is waiting (in order), called, in service, and finished. */
export const ZQueueSnapshot = z.object({
	branchId: z.uuid(),
	day: z.string(),
	entries: z.array(ZQueueEntry),
	/** Grows with every change of the branch's queue: keep the snapshot with the highest. */
	seq: z.int()
});
export type QueueSnapshot = z.infer<typeof ZQueueSnapshot>;
