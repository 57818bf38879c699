import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { User } from '../auth/auth.entities.ts';
import { Patient } from '../patients/patient.entities.ts';

/** What the clinic offers: a consultation, a laser session, a peel… with what it needs. */
export const ClinicService = defineEntity({
	name: 'ClinicService',
	tableName: 'clinic_service',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		name: p.string().length(120),
		/** consultation | laser | injectable | peel | facial | surgery | follow-up */
		category: p.string().length(20),
		durationMinutes: p.integer(),
		/** Cleaning and setting up after it: the room, practitioner and devices stay busy. */
		bufferMinutes: p.integer().default(0),
		/** In paise; tax in basis points (1800 = 18 %). */
		pricePaise: p.integer(),
		taxRateBp: p.integer().default(0),
		roomType: p.string().length(30),
		deviceTypes: p.array().default([]),
		active: p.boolean().default(true),
		createdAt: p.datetime(),
		version: p.integer().default(1)
	},
	uniques: [{ properties: ['hospital', 'name'] }],
	checks: [
		{ name: 'clinic_service_category', expression: `category in ('consultation', 'laser', 'injectable', 'peel', 'facial', 'surgery', 'follow-up')` },
		{ name: 'clinic_service_duration', expression: 'duration_minutes > 0 and duration_minutes <= 720 and buffer_minutes >= 0 and buffer_minutes <= 240' },
		{ name: 'clinic_service_money', expression: 'price_paise >= 0 and tax_rate_bp >= 0 and tax_rate_bp <= 10000' }
	]
});
export type ClinicService = InferEntity<typeof ClinicService>;

/** Which staff may perform a service. */
export const ServicePractitioner = defineEntity({
	name: 'ServicePractitioner',
	tableName: 'service_practitioner',
	properties: {
		service: () => p.manyToOne(ClinicService).mapToPk().primary().deleteRule('cascade'),
		user: () => p.manyToOne(User).mapToPk().primary().deleteRule('cascade')
	}
});
export type ServicePractitioner = InferEntity<typeof ServicePractitioner>;

export const Room = defineEntity({
	name: 'Room',
	tableName: 'room',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		name: p.string().length(60),
		/** consult | laser | procedure | theatre | facial … (matched against a service's room type) */
		type: p.string().length(30),
		inService: p.boolean().default(true),
		outOfServiceReason: p.string().length(200).nullable(),
		sortOrder: p.integer().default(0),
		createdAt: p.datetime(),
		version: p.integer().default(1)
	},
	uniques: [{ properties: ['branch', 'name'] }]
});
export type Room = InferEntity<typeof Room>;

/** A laser, an IPL machine…: belongs to a branch and may move between its rooms. */
export const Device = defineEntity({
	name: 'Device',
	tableName: 'device',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		name: p.string().length(80),
		type: p.string().length(40),
		/** Where it is now (informational: bookings reserve the device, wherever it stands). */
		room: () => p.manyToOne(Room).mapToPk().nullable(),
		inService: p.boolean().default(true),
		outOfServiceReason: p.string().length(200).nullable(),
		createdAt: p.datetime(),
		version: p.integer().default(1)
	},
	uniques: [{ properties: ['branch', 'name'] }]
});
export type Device = InferEntity<typeof Device>;

/** Working hours of a practitioner at a branch: one row per weekday interval, local time. */
export const WorkingHours = defineEntity({
	name: 'WorkingHours',
	tableName: 'working_hours',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		/** 0 = Sunday … 6 = Saturday */
		weekday: p.smallint(),
		startsAt: p.time(),
		endsAt: p.time(),
		/** work | break */
		kind: p.string().length(8).default('work')
	},
	indexes: [{ properties: ['branch', 'user', 'weekday'] }],
	checks: [
		{ name: 'working_hours_weekday', expression: '(weekday >= 0) AND (weekday <= 6)' },
		{ name: 'working_hours_order', expression: 'starts_at < ends_at' },
		{ name: 'working_hours_kind', expression: `kind in ('work', 'break')` }
	]
});
export type WorkingHours = InferEntity<typeof WorkingHours>;

/** Leave: a practitioner away (at one branch, or everywhere when branch is null). */
export const Leave = defineEntity({
	name: 'Leave',
	tableName: 'leave',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk().nullable(),
		user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
		startsAt: p.datetime(),
		endsAt: p.datetime(),
		reason: p.string().length(200).nullable()
	},
	indexes: [{ properties: ['user', 'startsAt'] }],
	checks: [{ name: 'leave_order', expression: 'starts_at < ends_at' }]
});
export type Leave = InferEntity<typeof Leave>;

/** A day (in the branch's calendar) the branch is closed. */
export const BranchHoliday = defineEntity({
	name: 'BranchHoliday',
	tableName: 'branch_holiday',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		day: p.date(),
		name: p.string().length(120)
	},
	uniques: [{ properties: ['branch', 'day'] }]
});
export type BranchHoliday = InferEntity<typeof BranchHoliday>;

/**
 * An appointment. `[starts_at, busy_until)` is what it occupies (its end plus the service's
 * buffer); exclusion constraints on it make a double-booked practitioner or room impossible,
 * whatever the application does. Cancelled and no-show appointments free their time.
 *
 * The exclusion constraints (`appointment_practitioner_no_overlap`, `appointment_room_no_overlap`,
 * `appointment_device_no_overlap`) are written by hand in the scheduling migration: the schema
 * diff cannot see them and proposes dropping them — delete those lines from a generated migration.
 */
export const Appointment = defineEntity({
	name: 'Appointment',
	tableName: 'appointment',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		patient: () => p.manyToOne(Patient).mapToPk(),
		service: () => p.manyToOne(ClinicService).mapToPk(),
		practitioner: () => p.manyToOne(User).mapToPk(),
		room: () => p.manyToOne(Room).mapToPk(),
		startsAt: p.datetime(),
		endsAt: p.datetime(),
		busyUntil: p.datetime(),
		/** booked | confirmed | checked-in | in-consultation | completed | cancelled | no-show */
		status: p.string().length(16).default('booked'),
		cancelReason: p.string().length(200).nullable(),
		notes: p.string().length(500).nullable(),
		/** Set for the sessions of a course booked together (e.g. six laser sessions). */
		seriesId: p.uuid().nullable(),
		createdBy: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime(),
		updatedAt: p.datetime(),
		version: p.integer().default(1)
	},
	indexes: [
		{ properties: ['branch', 'startsAt'] },
		{ properties: ['patient', 'startsAt'] }
	],
	checks: [
		{ name: 'appointment_status', expression: `status in ('booked', 'confirmed', 'checked-in', 'in-consultation', 'completed', 'cancelled', 'no-show')` },
		{ name: 'appointment_order', expression: 'starts_at < ends_at and ends_at <= busy_until' }
	]
});
export type Appointment = InferEntity<typeof Appointment>;

/**
 * A device reserved by an appointment. The range is copied from the appointment (and kept in step
 * by the booking service) so the exclusion constraint can see it; `active` turns off with the
 * appointment's cancellation.
 */
export const AppointmentDevice = defineEntity({
	name: 'AppointmentDevice',
	tableName: 'appointment_device',
	properties: {
		appointment: () => p.manyToOne(Appointment).mapToPk().primary().deleteRule('cascade'),
		device: () => p.manyToOne(Device).mapToPk().primary(),
		startsAt: p.datetime(),
		busyUntil: p.datetime(),
		active: p.boolean().default(true)
	},
});
export type AppointmentDevice = InferEntity<typeof AppointmentDevice>;

/** What happened to an appointment and when: booked, moved (from → to), status changes, cancelled. */
export const AppointmentEvent = defineEntity({
	name: 'AppointmentEvent',
	tableName: 'appointment_event',
	properties: {
		id: p.bigint('number').primary().autoincrement(),
		appointment: () => p.manyToOne(Appointment).mapToPk().deleteRule('cascade'),
		kind: p.string().length(20),
		before: p.json<unknown>().nullable(),
		after: p.json<unknown>().nullable(),
		by: () => p.manyToOne(User).mapToPk().nullable(),
		at: p.datetime()
	},
	indexes: [{ properties: ['appointment', 'at'] }]
});
export type AppointmentEvent = InferEntity<typeof AppointmentEvent>;

/**
 * A short-lived hold: while a receptionist is booking, the slot shows as held on every other
 * desk, and nobody else may book over it until it is released or expires (about two minutes).
 */
export const SlotHold = defineEntity({
	name: 'SlotHold',
	tableName: 'slot_hold',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		practitioner: () => p.manyToOne(User).mapToPk(),
		room: () => p.manyToOne(Room).mapToPk(),
		service: () => p.manyToOne(ClinicService).mapToPk(),
		startsAt: p.datetime(),
		busyUntil: p.datetime(),
		heldBy: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime(),
		expiresAt: p.datetime()
	},
	indexes: [{ properties: ['branch', 'startsAt'] }, { properties: ['expiresAt'] }]
});
export type SlotHold = InferEntity<typeof SlotHold>;

/**
 * A patient who wants an earlier slot for a service (optionally with one practitioner, at a time
 * of day, within dates). When a matching time frees up, reception is offered the best matches.
 */
export const WaitlistEntry = defineEntity({
	name: 'WaitlistEntry',
	tableName: 'waitlist_entry',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		branch: () => p.manyToOne(Branch).mapToPk(),
		patient: () => p.manyToOne(Patient).mapToPk(),
		service: () => p.manyToOne(ClinicService).mapToPk(),
		practitioner: () => p.manyToOne(User).mapToPk().nullable(),
		/** any | morning | afternoon | evening (branch local time) */
		timeOfDay: p.string().length(10).default('any'),
		earliestDay: p.date().nullable(),
		latestDay: p.date().nullable(),
		notes: p.string().length(300).nullable(),
		/** waiting | booked | removed */
		status: p.string().length(10).default('waiting'),
		bookedAppointment: () => p.manyToOne(Appointment).mapToPk().nullable(),
		createdBy: () => p.manyToOne(User).mapToPk(),
		createdAt: p.datetime(),
		version: p.integer().default(1)
	},
	indexes: [{ properties: ['branch', 'service', 'status'] }],
	checks: [
		{ name: 'waitlist_entry_status', expression: `status in ('waiting', 'booked', 'removed')` },
		{ name: 'waitlist_entry_time_of_day', expression: `time_of_day in ('any', 'morning', 'afternoon', 'evening')` }
	]
});
export type WaitlistEntry = InferEntity<typeof WaitlistEntry>;
