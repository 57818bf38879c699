import { z } from 'zod';

export const TIMES_OF_DAY = ['any', 'morning', 'afternoon', 'evening'] as const;

const ZDay = (key: string) => z.iso.date({ error: key });

export const ZJoinWaitlistInput = z
	.object({
		patientId: z.uuid({ error: 'waitlist.v.patient' }),
		serviceId: z.uuid({ error: 'waitlist.v.service' }),
		practitionerId: z.uuid({ error: 'waitlist.v.practitioner' }).optional(),
		timeOfDay: z.enum(TIMES_OF_DAY, { error: 'waitlist.v.timeOfDay' }).default('any'),
		earliestDay: ZDay('waitlist.v.earliestDay').optional(),
		latestDay: ZDay('waitlist.v.latestDay').optional(),
		notes: z.string().trim().max(300, 'validation.tooLong').optional()
	})
	.strict()
	.refine((v) => !v.earliestDay || !v.latestDay || v.earliestDay <= v.latestDay, { path: ['latestDay'], error: 'waitlist.v.order' });
export type JoinWaitlistInput = z.input<typeof ZJoinWaitlistInput>;

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZWaitlistEntry = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	patient: ZRef.extend({ mrn: z.string() }),
	service: ZRef,
	practitioner: ZRef.nullable(),
	timeOfDay: z.enum(TIMES_OF_DAY),
	earliestDay: z.string().nullable(),
	latestDay: z.string().nullable(),
	notes: z.string().nullable(),
	status: z.enum(['waiting', 'booked', 'removed']),
	createdAt: z.iso.datetime({ offset: true }),
	version: z.int()
});
export type WaitlistEntryDto = z.infer<typeof ZWaitlistEntry>;

/** A freed slot and the waitlisted patients it suits best (best first). */
export const ZWaitlistOffer = z.object({
	branchId: z.uuid(),
	slot: z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }), practitionerId: z.uuid(), roomId: z.uuid(), serviceId: z.uuid() }),
	matches: z.array(ZWaitlistEntry)
});
export type WaitlistOfferDto = z.infer<typeof ZWaitlistOffer>;
