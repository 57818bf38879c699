import { z } from 'zod';

export const SERVICE_CATEGORIES = ['consultation', 'laser', 'injectable', 'peel', 'facial', 'surgery', 'follow-up'] as const;
export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'checked-in', 'in-consultation', 'completed', 'cancelled', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** An instant with its UTC offset, as the API promises: 2026-11-27T10:30:00+05:30. */
const ZInstant = (key: string) => z.iso.datetime({ offset: true, error: key });

/** Who is booked for what, with whom, where and when: a single booking and a course alike. */
const ZBookingChoice = z.object({
	patientId: z.uuid({ error: 'scheduling.v.patient' }),
	serviceId: z.uuid({ error: 'scheduling.v.service' }),
	practitionerId: z.uuid({ error: 'scheduling.v.practitioner' }),
	roomId: z.uuid({ error: 'scheduling.v.room' }),
	start: ZInstant('scheduling.v.start'),
	notes: z.string().trim().max(500, 'validation.tooLong').optional()
});

export const ZBookAppointmentInput = ZBookingChoice.extend({
	/** Chosen by the server when not given: the first free device of each type the service needs. */
	deviceIds: z.array(z.uuid({ error: 'scheduling.v.device' })).max(5, 'validation.tooMany').optional()
}).strict();
export type BookAppointmentInput = z.input<typeof ZBookAppointmentInput>;

/** Most sessions a course books at once, and the longest gap between two of them (weeks). */
export const SERIES_LIMITS = { count: { min: 2, max: 12 }, everyWeeks: { min: 1, max: 12 } } as const;

/**
 * A course of sessions (six laser sessions four weeks apart): the same service, practitioner,
 * room and wall-clock time, `everyWeeks` apart, booked all together or not at all.
 */
export const ZBookSeriesInput = ZBookingChoice.extend({
	// `start` is the first session; the others follow at the same time of day on the branch's clock.
	count: z.int({ error: 'scheduling.v.seriesCount' }).min(SERIES_LIMITS.count.min, 'scheduling.v.seriesCount').max(SERIES_LIMITS.count.max, 'scheduling.v.seriesCount'),
	everyWeeks: z.int({ error: 'scheduling.v.seriesEvery' }).min(SERIES_LIMITS.everyWeeks.min, 'scheduling.v.seriesEvery').max(SERIES_LIMITS.everyWeeks.max, 'scheduling.v.seriesEvery')
}).strict();
export type BookSeriesInput = z.input<typeof ZBookSeriesInput>;

export const ZSlotQuery = z
	.object({
		serviceId: z.uuid({ error: 'scheduling.v.service' }),
		from: ZInstant('scheduling.v.from'),
		to: ZInstant('scheduling.v.to'),
		practitionerId: z.uuid({ error: 'scheduling.v.practitioner' }).optional(),
		roomId: z.uuid({ error: 'scheduling.v.room' }).optional(),
		limit: z.coerce.number().int().min(1, 'validation.tooSmall').max(500, 'validation.tooBig').default(100)
	})
	.strict()
	.refine((q) => Date.parse(q.to) > Date.parse(q.from), { path: ['to'], error: 'scheduling.v.toAfterFrom' })
	.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 31 * 86_400_000, { path: ['to'], error: 'scheduling.v.rangeTooLong' });

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZAppointment = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	patient: ZRef.extend({ mrn: z.string() }),
	service: ZRef.extend({ category: z.enum(SERVICE_CATEGORIES), durationMinutes: z.int() }),
	practitioner: ZRef,
	room: ZRef,
	deviceIds: z.array(z.uuid()),
	start: z.iso.datetime({ offset: true }),
	end: z.iso.datetime({ offset: true }),
	/** The end plus the service's buffer: how long practitioner, room and devices stay taken. */
	busyUntil: z.iso.datetime({ offset: true }),
	status: z.enum(APPOINTMENT_STATUSES),
	notes: z.string().nullable(),
	version: z.int()
});
export type AppointmentDto = z.infer<typeof ZAppointment>;

export const ZSlot = z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }), practitionerId: z.uuid(), roomId: z.uuid() });
export const ZSlotList = z.object({ items: z.array(ZSlot) });

export const ZServiceItem = z.object({
	id: z.uuid(),
	name: z.string(),
	category: z.enum(SERVICE_CATEGORIES),
	durationMinutes: z.int(),
	bufferMinutes: z.int(),
	pricePaise: z.int(),
	taxRateBp: z.int(),
	roomType: z.string(),
	deviceTypes: z.array(z.string()),
	practitionerIds: z.array(z.uuid())
});
export const ZRoomItem = z.object({ id: z.uuid(), name: z.string(), type: z.string(), inService: z.boolean(), outOfServiceReason: z.string().nullable() });
export const ZPractitionerItem = z.object({ id: z.uuid(), name: z.string(), serviceIds: z.array(z.uuid()) });
export const ZServiceList = z.object({ items: z.array(ZServiceItem) });
export const ZRoomList = z.object({ items: z.array(ZRoomItem) });
export const ZPractitionerList = z.object({ items: z.array(ZPractitionerItem) });
export type ServiceItem = z.infer<typeof ZServiceItem>;
export type RoomItem = z.infer<typeof ZRoomItem>;
export type PractitionerItem = z.infer<typeof ZPractitionerItem>;

export const ZRescheduleInput = z
	.object({
		start: ZInstant('scheduling.v.start').optional(),
		practitionerId: z.uuid({ error: 'scheduling.v.practitioner' }).optional(),
		roomId: z.uuid({ error: 'scheduling.v.room' }).optional(),
		/** A new length (minutes) when the calendar's event is resized; default: the service's. */
		durationMinutes: z.int({ error: 'scheduling.v.duration' }).min(5, 'scheduling.v.duration').max(720, 'scheduling.v.duration').optional(),
		version: z.int({ error: 'scheduling.v.version' }).positive('scheduling.v.version')
	})
	.strict();

export const ZCancelInput = z
	.object({
		reason: z.string({ error: 'scheduling.v.reason' }).trim().min(1, 'scheduling.v.reason').max(200, 'validation.tooLong'),
		version: z.int({ error: 'scheduling.v.version' }).positive('scheduling.v.version')
	})
	.strict();

/** Status moves a desk may make; check-in and the consultation's start and end come with the queue. */
export const ZStatusInput = z
	.object({
		status: z.enum(['confirmed', 'checked-in', 'in-consultation', 'completed', 'no-show'], { error: 'scheduling.v.status' }),
		version: z.int({ error: 'scheduling.v.version' }).positive('scheduling.v.version')
	})
	.strict();

export const ZAppointmentQuery = z
	.object({ from: ZInstant('scheduling.v.from'), to: ZInstant('scheduling.v.to') })
	.strict()
	.refine((q) => Date.parse(q.to) > Date.parse(q.from), { path: ['to'], error: 'scheduling.v.toAfterFrom' })
	.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { path: ['to'], error: 'scheduling.v.rangeTooLong' });

export const ZHoldInput = z
	.object({
		serviceId: z.uuid({ error: 'scheduling.v.service' }),
		practitionerId: z.uuid({ error: 'scheduling.v.practitioner' }),
		roomId: z.uuid({ error: 'scheduling.v.room' }),
		start: ZInstant('scheduling.v.start')
	})
	.strict();

export const ZHold = z.object({
	id: z.uuid(),
	branchId: z.uuid(),
	practitionerId: z.uuid(),
	roomId: z.uuid(),
	start: z.iso.datetime({ offset: true }),
	busyUntil: z.iso.datetime({ offset: true }),
	heldBy: z.object({ id: z.uuid(), name: z.string() }),
	expiresAt: z.iso.datetime({ offset: true })
});
export type HoldDto = z.infer<typeof ZHold>;

export const ZAppointmentList = z.object({ items: z.array(ZAppointment), holds: z.array(ZHold) });

export const ZBookedSeries = z.object({ seriesId: z.uuid(), items: z.array(ZAppointment) });
export type BookedSeriesDto = z.infer<typeof ZBookedSeries>;

/** One session of a refused series: when, why (BOOKING_CONSTRAINTS codes, or 'overlap' after a race) and what is free near it. */
export const ZSeriesClash = z.object({ index: z.int(), start: z.iso.datetime({ offset: true }), problems: z.array(z.string()), alternatives: z.array(ZSlot) });
export type SeriesClash = z.infer<typeof ZSeriesClash>;
