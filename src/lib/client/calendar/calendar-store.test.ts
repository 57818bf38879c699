import { describe, expect, it } from 'vitest';
import { CalendarStore } from './calendar-store.svelte.ts';
import { appointmentEvent, holdEvent, STATUS_COLOURS, CATEGORY_COLOURS } from './calendar-events.ts';
import { instantAt, localParts } from './zoned.ts';
import type { AppointmentDto, HoldDto } from '../../shared/scheduling/appointment.schema.ts';

const BRANCH = '11111111-1111-4111-8111-111111111111';
const OTHER_BRANCH = '99999999-9999-4999-8999-999999999999';
const ROOM_1 = '21111111-1111-4111-8111-111111111111';
const ROOM_2 = '22222222-2222-4222-8222-222222222222';
const DR_RAO = '31111111-1111-4111-8111-111111111111';
const ANITA = '32222222-2222-4222-8222-222222222222';
const ME = '41111111-1111-4111-8111-111111111111';
const SOMEONE = '42222222-2222-4222-8222-222222222222';

const T = (hhmm: string) => `2026-11-27T${hhmm}:00+05:30`;
const ms = (hhmm: string) => Date.parse(T(hhmm));

function appointment(over: Partial<AppointmentDto> = {}): AppointmentDto {
	return {
		id: '51111111-1111-4111-8111-111111111111',
		branchId: BRANCH,
		patient: { id: '61111111-1111-4111-8111-111111111111', name: 'Ananya Sharma', mrn: 'IND-000001' },
		service: { id: '71111111-1111-4111-8111-111111111111', name: 'Dermatology consultation', category: 'consultation', durationMinutes: 15 },
		practitioner: { id: DR_RAO, name: 'Dr Kavya Rao' },
		room: { id: ROOM_1, name: 'Consult 1' },
		deviceIds: [],
		start: T('10:00'),
		end: T('10:15'),
		busyUntil: T('10:15'),
		status: 'booked',
		notes: null,
		version: 1,
		...over
	};
}

function hold(over: Partial<HoldDto> = {}): HoldDto {
	return {
		id: '81111111-1111-4111-8111-111111111111',
		branchId: BRANCH,
		practitionerId: DR_RAO,
		roomId: ROOM_2,
		start: T('11:00'),
		busyUntil: T('11:15'),
		heldBy: { id: SOMEONE, name: 'Vikram Shetty' },
		expiresAt: new Date(Date.now() + 120_000).toISOString(),
		...over
	};
}

describe('CalendarStore: live changes', () => {
	it('applies an appointment once, and never goes back to an older version', () => {
		const store = new CalendarStore(BRANCH);
		expect(store.apply(appointment())).toBe(true);
		expect(store.apply(appointment())).toBe(false);
		expect(store.apply(appointment({ version: 3, room: { id: ROOM_2, name: 'Consult 2' } }))).toBe(true);
		// The event for version 2 arrives late: it changes nothing.
		expect(store.apply(appointment({ version: 2, start: T('09:00') }))).toBe(false);
		expect(store.appointments.get(appointment().id)).toMatchObject({ version: 3, room: { id: ROOM_2 }, start: T('10:00') });
	});

	it('ignores another branch (a person with two branches gets both on one socket)', () => {
		const store = new CalendarStore(BRANCH);
		expect(store.apply(appointment({ branchId: OTHER_BRANCH }))).toBe(false);
		expect(store.applyHold('h', hold({ branchId: OTHER_BRANCH }))).toBe(false);
		expect(store.appointments.size).toBe(0);
		expect(store.holds.size).toBe(0);
	});

	it('a released hold goes and a late copy of it cannot bring it back; holds lapse at expiresAt', () => {
		const store = new CalendarStore(BRANCH);
		const h = hold();
		expect(store.applyHold(h.id, h)).toBe(true);
		expect(store.applyHold(h.id, null)).toBe(true);
		expect(store.applyHold(h.id, h)).toBe(false);
		expect(store.holds.size).toBe(0);

		const lapsing = hold({ id: '82222222-2222-4222-8222-222222222222', expiresAt: new Date(Date.now() + 1000).toISOString() });
		store.applyHold(lapsing.id, lapsing);
		expect(store.expireHolds(Date.now())).toEqual([]);
		expect(store.expireHolds(Date.now() + 1001)).toEqual([lapsing.id]);
		expect(store.holds.size).toBe(0);
	});
});

describe('CalendarStore: snapshots of a range', () => {
	it('takes what the snapshot lists and drops what it no longer lists in its range', () => {
		const store = new CalendarStore(BRANCH);
		const gone = appointment({ id: '52222222-2222-4222-8222-222222222222', start: T('12:00'), end: T('12:15'), busyUntil: T('12:15') });
		const elsewhere = appointment({ id: '53333333-3333-4333-8333-333333333333', start: '2026-11-30T10:00:00+05:30', end: '2026-11-30T10:15:00+05:30', busyUntil: '2026-11-30T10:15:00+05:30' });
		store.apply(gone);
		store.apply(elsewhere);
		const mark = store.mark();
		const changed = store.replaceRange(mark, ms('00:00'), ms('23:59'), { items: [appointment()], holds: [hold()] });
		expect(changed.appointments.sort()).toEqual([appointment().id, gone.id].sort());
		expect([...store.appointments.keys()].sort()).toEqual([appointment().id, elsewhere.id].sort());
		expect(store.holds.size).toBe(1);
	});

	it('keeps what arrived live while the snapshot was on its way, and the newer of two versions', () => {
		const store = new CalendarStore(BRANCH);
		store.apply(appointment({ version: 1 }));
		const mark = store.mark();
		// Booked at another desk after the snapshot was asked for.
		const fresh = appointment({ id: '54444444-4444-4444-8444-444444444444', start: T('15:00'), end: T('15:15'), busyUntil: T('15:15') });
		store.apply(fresh);
		// And the first one moved meanwhile (version 2), while the snapshot still has version 1.
		store.apply(appointment({ version: 2, start: T('10:30'), end: T('10:45'), busyUntil: T('10:45') }));
		const liveHold = hold();
		store.applyHold(liveHold.id, liveHold);
		store.replaceRange(mark, ms('00:00'), ms('23:59'), { items: [appointment({ version: 1 })], holds: [] });
		expect(store.appointments.get(fresh.id)).toBeDefined();
		expect(store.appointments.get(appointment().id)?.version).toBe(2);
		expect(store.holds.get(liveHold.id)).toBeDefined();
	});
});

describe('CalendarStore: what is in the way of a booking', () => {
	it('sees open appointments and other people’s holds in the same room or with the same practitioner, not cancelled ones or one’s own hold', () => {
		const store = new CalendarStore(BRANCH);
		store.apply(appointment());
		store.apply(appointment({ id: '55555555-5555-4555-8555-555555555555', status: 'cancelled', room: { id: ROOM_2, name: 'Consult 2' }, practitioner: { id: ANITA, name: "Anita D'Souza" } }));
		const mine = hold({ id: '83333333-3333-4333-8333-333333333333', heldBy: { id: ME, name: 'Priya Nair' }, start: T('12:00'), busyUntil: T('12:15') });
		store.applyHold(mine.id, mine);
		store.applyHold(hold().id, hold());

		const at = (hhmm: string, minutes: number) => ({ start: ms(hhmm), end: ms(hhmm) + minutes * 60_000, exceptHeldBy: ME });
		expect(store.conflicts({ ...at('10:10', 15), practitionerId: DR_RAO, roomId: ROOM_2 })).toEqual({ practitioner: true, room: false });
		expect(store.conflicts({ ...at('10:15', 15), practitionerId: DR_RAO, roomId: ROOM_1 })).toEqual({ practitioner: false, room: false });
		expect(store.conflicts({ ...at('10:00', 15), practitionerId: ANITA, roomId: ROOM_2 })).toEqual({ practitioner: false, room: false });
		expect(store.conflicts({ ...at('11:10', 15), practitionerId: ANITA, roomId: ROOM_2 })).toEqual({ practitioner: false, room: true });
		expect(store.conflicts({ ...at('12:00', 15), practitionerId: DR_RAO, roomId: ROOM_2 })).toEqual({ practitioner: false, room: false });
		// The appointment being moved is not in its own way.
		expect(store.conflicts({ ...at('10:05', 15), practitionerId: DR_RAO, roomId: ROOM_1, exceptAppointment: appointment().id })).toEqual({ practitioner: false, room: false });
	});
});

describe('calendar events', () => {
	const display = { columns: 'rooms' as const, colourBy: 'status' as const, showCancelled: false, canBook: true };

	it('puts an appointment in its room or practitioner column, coloured by status or by service', () => {
		expect(appointmentEvent(appointment(), display)).toMatchObject({ id: appointment().id, resourceId: ROOM_1, color: STATUS_COLOURS.booked, editable: true, title: 'Ananya Sharma' });
		expect(appointmentEvent(appointment(), { ...display, columns: 'practitioners', colourBy: 'service' })).toMatchObject({ resourceId: DR_RAO, color: CATEGORY_COLOURS.consultation });
	});

	it('hides cancelled ones unless asked, and never lets a closed one be dragged', () => {
		expect(appointmentEvent(appointment({ status: 'cancelled' }), display)).toBeNull();
		expect(appointmentEvent(appointment({ status: 'cancelled' }), { ...display, showCancelled: true })).toMatchObject({ editable: false });
		expect(appointmentEvent(appointment({ status: 'completed' }), display)).toMatchObject({ editable: false });
		expect(appointmentEvent(appointment(), { ...display, canBook: false })).toMatchObject({ editable: false });
	});

	it('shows a hold as a band behind its column', () => {
		expect(holdEvent(hold(), { columns: 'rooms' }, 'Held by Vikram Shetty', false)).toMatchObject({ display: 'background', resourceId: ROOM_2, title: 'Held by Vikram Shetty', end: T('11:15') });
		expect(holdEvent(hold(), { columns: 'practitioners' }, 'Held by you', true)).toMatchObject({ resourceId: DR_RAO, className: 'sk-hold sk-hold-mine' });
	});
});

describe('the branch clock', () => {
	it('reads and writes wall-clock times in the branch time zone, whatever the browser’s', () => {
		expect(localParts('2026-11-27T04:30:00Z', 'Asia/Kolkata')).toEqual({ date: '2026-11-27', time: '10:00' });
		expect(instantAt('2026-11-27', '10:00', 'Asia/Kolkata')).toBe('2026-11-27T04:30:00Z');
		// Across midnight, and where the clocks change (London, last Sunday of March).
		expect(localParts('2026-11-26T20:00:00Z', 'Asia/Kolkata')).toEqual({ date: '2026-11-27', time: '01:30' });
		expect(instantAt('2026-03-29', '12:00', 'Europe/London')).toBe('2026-03-29T11:00:00Z');
	});
});
