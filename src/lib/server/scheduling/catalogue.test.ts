import { describe, expect, it } from 'vitest';
import { dayProblems, paiseToRupees, percentToBasisPoints, rupeesToPaise, ZCreateRoomInput, ZOpeningHoursInput, ZWeekInput } from '../../shared/scheduling/catalogue.schema.ts';
import { fitsWeek, wallTimeToInstant } from './catalogue.service.ts';

describe('a day of working hours', () => {
	it('accepts a day with a lunch break inside it', () => {
		expect(dayProblems({ work: [{ start: '09:00', end: '18:00' }], breaks: [{ start: '13:00', end: '14:00' }] })).toEqual([]);
		expect(dayProblems({ work: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '24:00' }], breaks: [] })).toEqual([]);
	});

	it('names the field to fix for each problem', () => {
		expect(dayProblems({ work: [{ start: '18:00', end: '09:00' }], breaks: [] })).toEqual([{ path: ['work', 0, 'end'], message: 'setup.v.endAfterStart' }]);
		expect(dayProblems({ work: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }], breaks: [] })).toEqual([{ path: ['work', 1, 'start'], message: 'setup.v.overlap' }]);
		expect(dayProblems({ work: [{ start: '09:00', end: '13:00' }], breaks: [{ start: '12:30', end: '13:30' }] })).toEqual([{ path: ['breaks', 0, 'start'], message: 'setup.v.breakOutside' }]);
		// Touching ranges do not overlap; a break spanning two ranges lies in neither.
		expect(dayProblems({ work: [{ start: '09:00', end: '13:00' }, { start: '13:00', end: '18:00' }], breaks: [{ start: '12:30', end: '13:30' }] })).toEqual([{ path: ['breaks', 0, 'start'], message: 'setup.v.breakOutside' }]);
	});

	it('the week schema reports them at week.<day>.<kind>.<n>.<field>', () => {
		const result = ZWeekInput.safeParse({ week: { mon: { work: [{ start: '10:00', end: '09:00' }] }, tue: { work: [{ start: '9:00', end: '17:00' }] } } });
		expect(result.success).toBe(false);
		const paths = result.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['week.mon.work.0.end', 'week.tue.work.0.start']));
		expect(ZWeekInput.safeParse({ week: { funday: {} } }).success).toBe(false);
	});

	it('opening hours close after they open; a day left out is closed', () => {
		expect(ZOpeningHoursInput.safeParse({ week: { mon: { opens: '09:00', closes: '20:00' }, sun: null } }).success).toBe(true);
		const bad = ZOpeningHoursInput.safeParse({ week: { sat: { opens: '18:00', closes: '10:00' } } });
		expect(bad.error!.issues[0]!.path.join('.')).toBe('week.sat.closes');
	});
});

describe('what people type', () => {
	it('rupees to paise and back', () => {
		expect(rupeesToPaise('2500')).toBe(250_000);
		expect(rupeesToPaise('₹ 2,500.5')).toBe(250_050);
		expect(rupeesToPaise('0')).toBe(0);
		expect(rupeesToPaise('12.345')).toBeNaN();
		expect(rupeesToPaise('-5')).toBeNaN();
		expect(rupeesToPaise('')).toBeNaN();
		expect(paiseToRupees(250_000)).toBe('2500');
		expect(paiseToRupees(250_050)).toBe('2500.50');
		expect(percentToBasisPoints('18')).toBe(1800);
		expect(percentToBasisPoints('12.5 %')).toBe(1250);
		expect(percentToBasisPoints('abc')).toBeNaN();
	});

	it('kinds of rooms are one lowercase word with dashes, however typed', () => {
		expect(ZCreateRoomInput.parse({ name: 'Laser 3', type: ' Diode Laser ' }).type).toBe('diode-laser');
		expect(ZCreateRoomInput.safeParse({ name: 'X', type: 'laser!' }).success).toBe(false);
	});

	it('a browser date-and-time on the branch clock becomes an instant with its offset', () => {
		expect(wallTimeToInstant('Asia/Kolkata', '2026-12-01T09:30')).toBe('2026-12-01T09:30:00+05:30');
		expect(wallTimeToInstant('Europe/London', '2026-07-01T09:30')).toBe('2026-07-01T09:30:00+01:00');
		expect(wallTimeToInstant('Asia/Kolkata', 'tomorrow')).toBe('tomorrow');
	});
});

describe('appointments a week no longer covers', () => {
	const week = { tue: { work: [{ start: '10:00', end: '12:00' }], breaks: [{ start: '11:00', end: '11:15' }] } };
	const at = (iso: string) => Date.parse(iso);
	it('fits inside working time and clear of breaks, on the branch clock', () => {
		expect(fitsWeek(week, 'Asia/Kolkata', at('2026-12-01T10:00:00+05:30'), at('2026-12-01T10:30:00+05:30'))).toBe(true);
		expect(fitsWeek(week, 'Asia/Kolkata', at('2026-12-01T10:50:00+05:30'), at('2026-12-01T11:05:00+05:30'))).toBe(false);
		expect(fitsWeek(week, 'Asia/Kolkata', at('2026-12-01T11:45:00+05:30'), at('2026-12-01T12:15:00+05:30'))).toBe(false);
		// Wednesday: not a working day.
		expect(fitsWeek(week, 'Asia/Kolkata', at('2026-12-02T10:00:00+05:30'), at('2026-12-02T10:30:00+05:30'))).toBe(false);
	});
});
