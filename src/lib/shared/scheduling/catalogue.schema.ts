import { z } from 'zod';
import { LOCALES } from '../i18n/locales.ts';
import { SERVICE_CATEGORIES, ZAppointment, ZRoomItem, ZServiceItem } from './appointment.schema.ts';
import { WEEKDAYS, type Weekday } from './slot.types.ts';

/**
 * The setup of scheduling: the service catalogue, rooms, devices, practitioners' weeks and leave,
 * a branch's opening hours, holidays and call-out languages. One set of schemas for the API, the
 * setup screens' form actions and the OpenAPI document.
 */

/** 0 = Sunday, as the database (and JavaScript's getDay) number weekdays. */
export const WEEKDAY_NUMBER: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
export const WEEKDAY_BY_NUMBER = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const satisfies readonly Weekday[];

/** 'HH:MM' on the 24-hour clock; '24:00' only closes a range (the end of the day). */
const ZClock = z.string({ error: 'setup.v.time' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'setup.v.time');
const ZClockEnd = z.string({ error: 'setup.v.time' }).regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'setup.v.time');
const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * A kind of room or device, as services name what they need: 'laser', 'diode-laser'. Written
 * however someone types it ("Diode laser"), kept as one lowercase word with dashes, so that a
 * service's room type and a room's type match exactly.
 */
const ZKind = (max: number) =>
	z
		.string({ error: 'setup.v.kind' })
		.trim()
		.toLowerCase()
		.transform((s) => s.replace(/[\s_]+/g, '-'))
		.pipe(z.string().max(max, 'validation.tooLong').regex(/^[a-z0-9][a-z0-9-]*$/, 'setup.v.kind'));

const ZVersion = z.int({ error: 'setup.v.version' }).positive('setup.v.version');
const ZReason = z.string({ error: 'setup.v.reason' }).trim().min(1, 'setup.v.reason').max(200, 'validation.tooLong');

// --- Services (hospital-wide catalogue) --------------------------------------------------------

const serviceFields = {
	name: z.string({ error: 'setup.v.name' }).trim().min(1, 'setup.v.name').max(120, 'validation.tooLong'),
	category: z.enum(SERVICE_CATEGORIES, { error: 'setup.v.category' }),
	durationMinutes: z.int({ error: 'setup.v.duration' }).min(5, 'setup.v.duration').max(720, 'setup.v.duration'),
	bufferMinutes: z.int({ error: 'setup.v.buffer' }).min(0, 'setup.v.buffer').max(240, 'setup.v.buffer'),
	/** Paise (₹1 = 100); the screens show and take rupees. */
	pricePaise: z.int({ error: 'setup.v.price' }).min(0, 'setup.v.price').max(100_000_000, 'setup.v.price'),
	/** Basis points: 1800 = 18 %. */
	taxRateBp: z.int({ error: 'setup.v.tax' }).min(0, 'setup.v.tax').max(10_000, 'setup.v.tax'),
	roomType: ZKind(30),
	deviceTypes: z.array(ZKind(40)).max(5, 'validation.tooMany').refine((a) => new Set(a).size === a.length, 'setup.v.duplicateKinds'),
	/** Who may perform it: active staff of the hospital. */
	practitionerIds: z.array(z.uuid({ error: 'setup.v.practitioner' })).max(100, 'validation.tooMany')
};

export const ZCreateServiceInput = z.object({ ...serviceFields, deviceTypes: serviceFields.deviceTypes.default([]), practitionerIds: serviceFields.practitionerIds.default([]) }).strict();
export type CreateServiceInput = z.input<typeof ZCreateServiceInput>;

/** Any fields to change, with the version seen; `active: false` takes it off the booking lists (appointments keep it). */
export const ZUpdateServiceInput = z
	.object(serviceFields)
	.partial()
	.extend({ active: z.boolean({ error: 'setup.v.active' }).optional(), version: ZVersion })
	.strict();
export type UpdateServiceInput = z.input<typeof ZUpdateServiceInput>;

export const ZServiceRecord = ZServiceItem.extend({ active: z.boolean(), version: z.int() });
export type ServiceRecord = z.infer<typeof ZServiceRecord>;
export const ZServiceRecordList = z.object({ items: z.array(ZServiceRecord) });

// --- Rooms and devices (per branch) -------------------------------------------------------------

export const ZCreateRoomInput = z
	.object({
		name: z.string({ error: 'setup.v.name' }).trim().min(1, 'setup.v.name').max(60, 'validation.tooLong'),
		type: ZKind(30),
		/** Where its column stands in the calendar (smallest first); default: after the others. */
		sortOrder: z.int({ error: 'setup.v.sortOrder' }).min(0, 'setup.v.sortOrder').max(999, 'setup.v.sortOrder').optional()
	})
	.strict();
export const ZUpdateRoomInput = ZCreateRoomInput.partial().extend({ version: ZVersion }).strict();

/** Out of service: nothing new is booked there; appointments already booked stay until someone moves them. */
export const ZOutOfServiceInput = z.object({ reason: ZReason, version: ZVersion }).strict();
export const ZBackInServiceInput = z.object({ version: ZVersion }).strict();

export const ZRoomRecord = ZRoomItem.extend({ sortOrder: z.int(), version: z.int() });
export type RoomRecord = z.infer<typeof ZRoomRecord>;
export const ZRoomRecordList = z.object({ items: z.array(ZRoomRecord) });

export const ZCreateDeviceInput = z
	.object({
		name: z.string({ error: 'setup.v.name' }).trim().min(1, 'setup.v.name').max(80, 'validation.tooLong'),
		type: ZKind(40),
		/** Where it stands now; null: in store. */
		roomId: z.uuid({ error: 'setup.v.room' }).nullable().optional()
	})
	.strict();
export const ZUpdateDeviceInput = ZCreateDeviceInput.partial().extend({ version: ZVersion }).strict();

export const ZDeviceRecord = z.object({
	id: z.uuid(),
	name: z.string(),
	type: z.string(),
	roomId: z.uuid().nullable(),
	roomName: z.string().nullable(),
	inService: z.boolean(),
	outOfServiceReason: z.string().nullable(),
	version: z.int()
});
export type DeviceRecord = z.infer<typeof ZDeviceRecord>;
export const ZDeviceRecordList = z.object({ items: z.array(ZDeviceRecord) });

/** Booked appointments a change leaves in a bad place (a room out of service, a holiday, leave), for reception to move. */
export const ZAffectedAppointments = z.array(ZAppointment);
export const ZRoomChange = z.object({ room: ZRoomRecord, affectedAppointments: ZAffectedAppointments });
export const ZDeviceChange = z.object({ device: ZDeviceRecord, affectedAppointments: ZAffectedAppointments });
export type RoomChange = z.infer<typeof ZRoomChange>;
export type DeviceChange = z.infer<typeof ZDeviceChange>;

// --- Weekly hours: a practitioner's week, a branch's opening hours -----------------------------

const ZRange = z.object({ start: ZClock, end: ZClockEnd }).strict();
export type ClockRange = z.infer<typeof ZRange>;

interface RangeIssue {
	path: (string | number)[];
	message: 'setup.v.endAfterStart' | 'setup.v.overlap' | 'setup.v.breakOutside';
}

/**
 * What is wrong with one day of a practitioner's week, each problem at the field to fix: an end
 * not after its start, working ranges or breaks that overlap, a break outside working time.
 */
export function dayProblems(day: { work: readonly ClockRange[]; breaks: readonly ClockRange[] }): RangeIssue[] {
	const issues: RangeIssue[] = [];
	const valid = (kind: 'work' | 'breaks') =>
		day[kind].flatMap((r, i) => {
			if (minutes(r.end) <= minutes(r.start) && r.end !== '24:00') {
				issues.push({ path: [kind, i, 'end'], message: 'setup.v.endAfterStart' });
				return [];
			}
			return [{ i, from: minutes(r.start), to: r.end === '24:00' ? 1440 : minutes(r.end) }];
		});
	const work = valid('work');
	const breaks = valid('breaks');
	for (const [kind, list] of [['work', work], ['breaks', breaks]] as const) {
		for (const r of list) if (list.some((o) => o.i < r.i && o.from < r.to && r.from < o.to)) issues.push({ path: [kind, r.i, 'start'], message: 'setup.v.overlap' });
	}
	for (const b of breaks) if (!work.some((w) => w.from <= b.from && b.to <= w.to)) issues.push({ path: ['breaks', b.i, 'start'], message: 'setup.v.breakOutside' });
	return issues;
}

const ZDay = z
	.object({
		work: z.array(ZRange).max(4, 'validation.tooMany').default([]),
		breaks: z.array(ZRange).max(4, 'validation.tooMany').default([])
	})
	.strict()
	.superRefine((day, ctx) => {
		for (const issue of dayProblems(day)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
	});

/** A practitioner's whole week at a branch: a day left out is a day off. Replaces the week saved before. */
export const ZWeekInput = z
	.object({
		week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZDay.optional()])) as Record<Weekday, z.ZodOptional<typeof ZDay>>).strict(),
		/** The revision read with the schedule; when given, a week someone else saved since is not overwritten (409). */
		revision: z.string().max(64).optional()
	})
	.strict();
export type WeekInput = z.input<typeof ZWeekInput>;

const ZDayOut = z.object({ work: z.array(ZRange), breaks: z.array(ZRange) });
export const ZLeave = z.object({
	id: z.uuid(),
	start: z.iso.datetime({ offset: true }),
	end: z.iso.datetime({ offset: true }),
	reason: z.string().nullable(),
	/** Away from every branch, not only this one. */
	allBranches: z.boolean()
});
export type LeaveDto = z.infer<typeof ZLeave>;

export const ZSchedule = z.object({
	userId: z.uuid(),
	name: z.string(),
	branchId: z.uuid(),
	week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZDayOut])) as Record<Weekday, typeof ZDayOut>),
	/** Leave that has not ended yet, here or at every branch. */
	leave: z.array(ZLeave),
	serviceIds: z.array(z.uuid()),
	revision: z.string()
});
export type ScheduleDto = z.infer<typeof ZSchedule>;
export const ZScheduleList = z.object({ items: z.array(ZSchedule) });

export const ZLeaveInput = z
	.object({
		start: z.iso.datetime({ offset: true, error: 'setup.v.instant' }),
		end: z.iso.datetime({ offset: true, error: 'setup.v.instant' }),
		reason: z.string().trim().max(200, 'validation.tooLong').optional(),
		/** Away from every branch (needs setup rights wherever the practitioner works). */
		allBranches: z.boolean({ error: 'setup.v.allBranches' }).default(false)
	})
	.strict()
	.refine((l) => Date.parse(l.end) > Date.parse(l.start), { path: ['end'], error: 'setup.v.endAfterStart' })
	.refine((l) => Date.parse(l.end) - Date.parse(l.start) <= 366 * 86_400_000, { path: ['end'], error: 'setup.v.leaveTooLong' });
export type LeaveInput = z.input<typeof ZLeaveInput>;
export const ZLeaveChange = z.object({ leave: ZLeave, affectedAppointments: ZAffectedAppointments });

const ZOpenDay = z
	.object({ opens: ZClock, closes: ZClockEnd })
	.strict()
	.refine((d) => d.closes === '24:00' || minutes(d.closes) > minutes(d.opens), { path: ['closes'], error: 'setup.v.closesAfterOpens' });

/** Opening hours per weekday, on the branch's clock; null or left out: closed that day. */
export const ZOpeningHoursInput = z
	.object({
		week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZOpenDay.nullable().optional()])) as Record<Weekday, z.ZodOptional<z.ZodNullable<typeof ZOpenDay>>>).strict(),
		revision: z.string().max(64).optional()
	})
	.strict();
export type OpeningHoursInput = z.input<typeof ZOpeningHoursInput>;

export const ZOpeningHours = z.object({
	branchId: z.uuid(),
	timeZone: z.string(),
	week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.object({ opens: z.string(), closes: z.string() }).nullable()])) as Record<Weekday, z.ZodNullable<z.ZodObject<{ opens: z.ZodString; closes: z.ZodString }>>>),
	revision: z.string()
});
export type OpeningHoursDto = z.infer<typeof ZOpeningHours>;

// --- Holidays and languages --------------------------------------------------------------------

export const ZHolidayInput = z
	.object({
		day: z.iso.date({ error: 'setup.v.day' }),
		name: z.string({ error: 'setup.v.holidayName' }).trim().min(1, 'setup.v.holidayName').max(120, 'validation.tooLong')
	})
	.strict();
export const ZHoliday = z.object({ id: z.uuid(), day: z.iso.date(), name: z.string() });
export type HolidayDto = z.infer<typeof ZHoliday>;
export const ZHolidayList = z.object({ items: z.array(ZHoliday) });
export const ZHolidayChange = z.object({ holiday: ZHoliday, affectedAppointments: ZAffectedAppointments });
export const ZHolidayQuery = z
	.object({ from: z.iso.date({ error: 'setup.v.day' }).optional(), to: z.iso.date({ error: 'setup.v.day' }).optional() })
	.strict();

/** The languages the waiting room hears call-outs in, first to last. */
export const ZLanguagesInput = z
	.object({
		languages: z
			.array(z.enum(LOCALES, { error: 'setup.v.language' }))
			.min(1, 'setup.v.languagesNone')
			.max(LOCALES.length, 'validation.tooMany')
			.refine((a) => new Set(a).size === a.length, 'setup.v.languagesTwice')
	})
	.strict();
export const ZLanguages = z.object({ branchId: z.uuid(), languages: z.array(z.enum(LOCALES)) });

// --- Rupees on screen, paise on the wire -------------------------------------------------------

/**
 * Rupees as someone types them ('2500', '2,500.50', '₹ 800') in paise, or NaN when it is not an
 * amount (the schema then names the price field).
 */
export function rupeesToPaise(text: string): number {
	const clean = text.replace(/[₹,\s]/g, '').replace(/^rs\.?/i, '');
	if (!/^\d{1,9}(\.\d{1,2})?$/.test(clean)) return Number.NaN;
	const [whole, fraction = ''] = clean.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Paise as a plain rupee amount for an input: 250000 → '2500', 250050 → '2500.50'. */
export function paiseToRupees(paise: number): string {
	const fraction = paise % 100;
	return fraction ? `${Math.floor(paise / 100)}.${String(fraction).padStart(2, '0')}` : String(paise / 100);
}

/** A percentage as typed ('18', '12.5') in basis points, or NaN. */
export function percentToBasisPoints(text: string): number {
	const clean = text.replace(/[%\s]/g, '');
	if (!/^\d{1,3}(\.\d{1,2})?$/.test(clean)) return Number.NaN;
	return Math.round(Number(clean) * 100);
}
