import { z } from 'zod';
import { ZAppointment } from './appointment.schema.ts';

export const TIMES_OF_DAY = ['any', 'morning', 'afternoon', 'evening'] as const;
/** On the branch's clock: morning before 12:00, afternoon 12:00–16:59, evening from 17:00. */
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

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
	/** Set once the patient was booked from the waitlist (never without the appointment existing). */
	bookedAppointmentId: z.uuid().nullable(),
	createdAt: z.iso.datetime({ offset: true }),
	version: z.int()
});
export type WaitlistEntryDto = z.infer<typeof ZWaitlistEntry>;
export const ZWaitlistList = z.object({ items: z.array(ZWaitlistEntry) });

/** Leave the waitlist: the version the desk saw. */
export const ZRemoveWaitlistQuery = z.object({ version: z.coerce.number({ error: 'waitlist.v.version' }).int('waitlist.v.version').min(1, 'waitlist.v.version') }).strict();

/** An offered time, as the offer card sends it back to book it or to tell the patient about it. */
export const ZWaitlistSlotInput = z
	.object({
		start: z.iso.datetime({ offset: true, error: 'scheduling.v.start' }),
		practitionerId: z.uuid({ error: 'scheduling.v.practitioner' }),
		roomId: z.uuid({ error: 'scheduling.v.room' })
	})
	.strict();
export type WaitlistSlotInput = z.input<typeof ZWaitlistSlotInput>;

/** A freed slot and the waitlisted patients it suits best (best first). */
export const ZWaitlistOffer = z.object({
	branchId: z.uuid(),
	slot: z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }), practitionerId: z.uuid(), roomId: z.uuid(), serviceId: z.uuid() }),
	matches: z.array(ZWaitlistEntry)
});
export type WaitlistOfferDto = z.infer<typeof ZWaitlistOffer>;

/** The waitlist entry after booking from an offer, and the appointment made. */
export const ZWaitlistBooking = z.object({ entry: ZWaitlistEntry, appointment: ZAppointment });
export type WaitlistBookingDto = z.infer<typeof ZWaitlistBooking>;

/** The offer was emailed: to which address (masked). */
export const ZWaitlistNotified = z.object({ sentTo: z.string() });
