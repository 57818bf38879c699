import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserAndServer } from '../support/fixtures.ts';
import { signedInPage } from '../support/browser.ts';
import { api, login, type Session } from '../support/clients.ts';
import { nextWeekday, rowY, scrollTo } from '../support/calendar.ts';

/**
 * Booking a course from the calendar's booking dialog: a clash names the session and why, keeps
 * everything typed, and a changed gap books all sessions at once.
 */
const fixture = useBrowserAndServer();

let page: Page;
let session: Session;
let rooms: Record<string, string>;
let day: string;
let doctor: string;
let consultation: string;
let patient: { id: string; fullName: string };

const at = (date: string, time: string) => `${date}T${time}:00+05:30`;
const weekLater = (date: string, weeks: number) => new Date(Date.parse(`${date}T12:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	day = nextWeekday(2);
	session = await login(fixture.server, 'reception@demo.skinspire.app');
	const ind = session.branch('IND').id;
	const call = api(fixture.server, session);
	consultation = (await (await call(`/api/v1/branches/${ind}/services`)).json()).items.find((s: { name: string }) => s.name === 'Dermatology consultation').id;
	rooms = Object.fromEntries((await (await call(`/api/v1/branches/${ind}/rooms`)).json()).items.map((r: { name: string; id: string }) => [r.name, r.id]));
	doctor = (await (await call(`/api/v1/branches/${ind}/practitioners`)).json()).items.find((p: { name: string }) => p.name === 'Dr Kavya Rao').id;
	const [first, second] = (await (await call('/api/v1/patients?pageSize=2')).json()).items as { id: string }[];
	patient = await (await call(`/api/v1/patients/${first!.id}`)).json();
	// Someone else already has Dr Rao in Consult 1 at 11:00 a week after the first session.
	const blocker = await call('/api/v1/appointments', { method: 'POST', json: { patientId: second!.id, serviceId: consultation, practitionerId: doctor, roomId: rooms['Consult 1'], start: at(weekLater(day, 1), '11:00') } });
	expect(blocker.status).toBe(201);
	page = (await signedInPage(fixture.browser, fixture.server.url, 'reception@demo.skinspire.app')).page;
});

describe('booking a course from the calendar', () => {
	it('a clash names the session and why and keeps the form; every other week books all four', async () => {
		await page.goto(`/ind/calendar?date=${day}`);
		await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
		await scrollTo(page, '11:00');
		const lane = (await page.locator(`[data-testid="calendar"] [role="gridcell"][data-resource-id="${rooms['Consult 1']}"]`).boundingBox())!;
		await page.mouse.click(lane.x + lane.width / 2, await rowY(page, '11:00'));
		await page.getByTestId('hold-held').waitFor();

		await page.getByTestId('booking-patient-search').fill(patient.fullName.split(' ')[0]!);
		await page.getByTestId('booking-patient-result').filter({ hasText: patient.fullName }).first().click();
		await page.getByTestId('booking-patient').waitFor();
		// Off until asked for.
		expect(await page.getByTestId('booking-sessions').count()).toBe(0);
		await page.getByTestId('booking-repeat-toggle').check();
		await page.getByTestId('booking-sessions').fill('4');
		await page.getByTestId('booking-every').fill('1');
		expect(await page.getByTestId('booking-repeat-summary').textContent()).toMatch(/^Repeat: 4 sessions at this time, a 1-week gap between them/);
		expect(await page.getByTestId('booking-submit').textContent()).toContain('Book 4 sessions');

		const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/appointments/series'));
		await page.getByTestId('booking-submit').click();
		expect((await refused).status()).toBe(409);
		const clash = page.getByTestId('series-clash');
		await clash.waitFor();
		expect(await clash.count()).toBe(1);
		expect(await clash.textContent()).toMatch(/^Session 2 \(.*11:00\):.*This practitioner is already booked then/);
		expect(await page.getByTestId('booking-error').textContent()).toMatch(/Nothing was booked: session 2 clashes/);
		// Nothing typed is lost.
		expect(await page.getByTestId('booking-patient').textContent()).toContain(patient.fullName);
		expect(await page.getByTestId('booking-sessions').inputValue()).toBe('4');

		await page.getByTestId('booking-every').fill('2');
		const booked = page.waitForResponse((r) => r.url().endsWith('/api/v1/appointments/series'));
		await page.getByTestId('booking-submit').click();
		const created = await booked;
		expect(created.status()).toBe(201);
		const series = (await created.json()) as { items: { id: string; start: string }[] };
		expect(series.items.map((a) => a.start)).toEqual([0, 2, 4, 6].map((w) => at(weekLater(day, w), '11:00')));
		await page.getByTestId('booking-dialog').waitFor({ state: 'detached' });
		await page.getByTestId('calendar-toast').filter({ hasText: `${patient.fullName}: 4 sessions booked` }).waitFor();
		await page.locator(`[data-testid="calendar-event"][data-appointment-id="${series.items[0]!.id}"]`).waitFor();
	});
});
