import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserAndServer } from '../support/fixtures.ts';
import { signedInPage } from '../support/browser.ts';
import { api, login, type Session } from '../support/clients.ts';
import { todaysAppointments } from '../support/queue.ts';
import { scrollTo } from '../support/calendar.ts';
import type { AppointmentDto } from '../../src/lib/shared/scheduling/appointment.schema.ts';

/**
 * Check-in to finished visit as reception and the doctor see it, each in their own browser, with a
 * desk at the other branch that must see none of it.
 */
const fixture = useBrowserAndServer();

let reception: Page;
let doctorPage: Page;
let koramangala: Page;
let doctor: Session;
let appointments: AppointmentDto[];

async function open(page: Page, path: string) {
	await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor();
	await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor({ timeout: 10_000 });
}

/** How long after `since` a locator became visible. */
async function shownWithin(page: Page, selector: string, since: number): Promise<number> {
	await page.locator(selector).first().waitFor({ timeout: 5000 });
	return Date.now() - since;
}

beforeAll(async () => {
	doctor = await login(fixture.server, 'doctor@demo.skinspire.app');
	appointments = await todaysAppointments(fixture.server, fixture.databaseUrl, doctor, doctor.branch('IND').id, 3);
	[reception, doctorPage, koramangala] = await Promise.all([
		signedInPage(fixture.browser, fixture.server.url, 'reception@demo.skinspire.app').then((x) => x.page),
		// The doctor works from a tablet.
		signedInPage(fixture.browser, fixture.server.url, 'doctor@demo.skinspire.app', { viewport: { width: 820, height: 1180 } }).then((x) => x.page),
		signedInPage(fixture.browser, fixture.server.url, 'reception2@demo.skinspire.app').then((x) => x.page)
	]);
});

describe('the queue at reception and in the consulting room', () => {
	it('check-in, call next, start and finish reach the other screen within a second; the other branch sees nothing', async () => {
		await Promise.all([open(reception, '/ind/queue'), open(doctorPage, '/ind/my-day'), open(koramangala, '/kor/queue')]);
		// Anything with a token appearing at Koramangala is a leak.
		const leaks: string[] = [];
		await koramangala.exposeFunction('__sawToken', (token: string) => leaks.push(token));
		await koramangala.evaluate(() => {
			(window as unknown as { __noReload: boolean }).__noReload = true;
			new MutationObserver(() => document.querySelectorAll<HTMLElement>('[data-token]').forEach((e) => (window as unknown as { __sawToken: (t: string) => void }).__sawToken(e.dataset.token!))).observe(document.body, { subtree: true, childList: true });
		});

		// Reception: today's appointment is expected; one click checks the patient in.
		const appointment = appointments[0]!;
		const arrival = reception.locator(`[data-testid="arrival"][data-appointment-id="${appointment.id}"]`);
		await arrival.waitFor();
		const checkIn = reception.waitForResponse((r) => r.url().endsWith('/queue') && r.request().method() === 'POST');
		await arrival.getByTestId('arrival-check-in').click();
		expect((await checkIn).status()).toBe(201);
		const checkedInAt = Date.now();
		await expect.poll(() => reception.getByTestId('issued-token').textContent()).toBe('Token C-001 — please tell the patient');
		await reception.locator('[data-testid="waiting-entry"][data-token="C-001"]').waitFor();
		await arrival.waitFor({ state: 'detached' });

		// The doctor's tablet shows the patient waiting for her, without a reload.
		const waitingForDoctor = `[data-testid="waiting-for-me"] [data-testid="waiting-entry"][data-token="C-001"]`;
		expect(await shownWithin(doctorPage, waitingForDoctor, checkedInAt)).toBeLessThan(1000);
		await expect.poll(() => doctorPage.locator(waitingForDoctor).getByTestId('entry-patient').textContent()).toBe(appointment.patient.name);
		await expect.poll(() => doctorPage.locator(waitingForDoctor).getByTestId('entry-for').textContent()).toContain('for you');

		// Call next, choosing the room: reception sees "token → room".
		await doctorPage.getByTestId('room-picker').selectOption({ label: 'Consult 1' });
		const call = doctorPage.waitForResponse((r) => r.url().endsWith('/queue/call-next'));
		await doctorPage.getByTestId('call-next').click();
		expect((await call).status()).toBe(200);
		const calledAt = Date.now();
		const calledRow = '[data-testid="active-entry"][data-token="C-001"][data-status="called"]';
		expect(await shownWithin(reception, calledRow, calledAt)).toBeLessThan(1000);
		await expect.poll(() => reception.locator(calledRow).getByTestId('active-token-room').textContent()).toBe('C-001 → Consult 1');
		await reception.locator('[data-testid="waiting-entry"][data-token="C-001"]').waitFor({ state: 'detached' });
		// The doctor's own screen moved the patient to "with me now", and the chart is one tap away.
		const withMe = doctorPage.locator('[data-testid="with-me"][data-token="C-001"]');
		await withMe.waitFor();
		await expect(withMe.getByTestId('with-me-chart').getAttribute('href')).resolves.toBe(`/ind/patients/${appointment.patient.id}`);

		// Start and finish the visit.
		const start = doctorPage.waitForResponse((r) => r.url().endsWith('/status'));
		await withMe.getByTestId('start-visit').click();
		expect((await start).status()).toBe(200);
		const startedAt = Date.now();
		expect(await shownWithin(reception, '[data-testid="active-entry"][data-token="C-001"][data-status="in-service"]', startedAt)).toBeLessThan(1000);

		const finish = doctorPage.waitForResponse((r) => r.url().endsWith('/status'));
		await doctorPage.locator('[data-testid="with-me"][data-token="C-001"][data-status="in-service"]').getByTestId('finish-visit').click();
		expect((await finish).status()).toBe(200);
		const finishedAt = Date.now();
		expect(await shownWithin(reception, '[data-testid="finished-entry"][data-token="C-001"][data-status="done"]', finishedAt)).toBeLessThan(1000);
		await reception.locator('[data-testid="active-entry"][data-token="C-001"]').waitFor({ state: 'detached' });
		await doctorPage.getByTestId('nobody-with-me').waitFor();
		// The doctor's list of appointments followed the visit.
		await doctorPage.locator(`[data-testid="my-appointment"][data-appointment-id="${appointment.id}"][data-status="completed"]`).waitFor({ timeout: 3000 });

		// Koramangala: still an empty queue, never reloaded, no token ever drawn.
		await koramangala.waitForTimeout(500);
		expect(leaks).toEqual([]);
		await expect.poll(() => koramangala.getByTestId('queue-counts').textContent()).toContain('Waiting 0 · with a practitioner 0 · finished 0');
		await koramangala.getByTestId('nobody-waiting').waitFor();
		expect(await koramangala.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
	});

	it('a walk-in with priority needs a reason, then goes ahead of the line; reception can move people and the doctor sees it', async () => {
		await Promise.all([open(reception, '/ind/queue'), open(doctorPage, '/ind/my-day')]);
		// Someone with an appointment is already waiting.
		const appointment = appointments[1]!;
		await reception.locator(`[data-testid="arrival"][data-appointment-id="${appointment.id}"]`).getByTestId('arrival-check-in').click();
		await reception.locator('[data-testid="waiting-entry"][data-token="C-002"]').waitFor();

		const expected = new Set(appointments.map((a) => a.patient.id));
		const patients = (await (await api(fixture.server, doctor)('/api/v1/patients?pageSize=50')).json()).items as { id: string; fullName: string; mrn: string }[];
		const walkIn = patients.find((p) => !expected.has(p.id))!;
		await reception.getByTestId('walk-in-search').fill(walkIn.fullName);
		await reception.getByTestId('walk-in-result').filter({ hasText: walkIn.mrn }).click();
		await reception.getByTestId('walk-in-patient').waitFor();
		await reception.getByTestId('walk-in-priority').check();
		await reception.getByTestId('walk-in-submit').click();
		await expect.poll(() => reception.getByTestId('walk-in-reason-error').textContent()).toBe('Say why this patient goes first (e.g. pregnant, elderly, in pain)');

		await reception.getByTestId('walk-in-reason').fill('In pain');
		const checkIn = reception.waitForResponse((r) => r.url().endsWith('/queue') && r.request().method() === 'POST');
		await reception.getByTestId('walk-in-submit').click();
		expect((await checkIn).status()).toBe(201);
		await expect.poll(() => reception.getByTestId('issued-token').textContent()).toBe('Token C-003 — please tell the patient');
		// The form is ready for the next walk-in.
		await reception.getByTestId('walk-in-search').waitFor();

		const order = (page: Page, list: string) => page.locator(`${list} [data-testid="waiting-entry"]`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.token));
		await expect.poll(() => order(reception, '[data-testid="waiting-list"]')).toEqual(['C-003', 'C-002']);
		await expect.poll(() => reception.locator('[data-token="C-003"]').getByTestId('priority-badge').textContent()).toContain('In pain');
		await expect.poll(() => order(doctorPage, '[data-testid="waiting-for-me"]'), { timeout: 1000 }).toEqual(['C-003', 'C-002']);

		// Move the priority patient down: the doctor's list follows.
		await reception.locator('[data-testid="waiting-entry"][data-token="C-003"]').getByTestId('move-down').click();
		await expect.poll(() => order(reception, '[data-testid="waiting-list"]')).toEqual(['C-002', 'C-003']);
		await expect.poll(() => order(doctorPage, '[data-testid="waiting-for-me"]'), { timeout: 1000 }).toEqual(['C-002', 'C-003']);

		// Another desk moved C-003 a moment earlier (its older version goes out): refused, refreshed, and said so.
		await reception.route('**/reorder', async (route) => {
			const body = JSON.parse(route.request().postData()!);
			await route.continue({ postData: JSON.stringify({ ...body, version: body.version - 1 }) });
		});
		const stale = reception.waitForResponse((r) => r.url().endsWith('/reorder'));
		await reception.locator('[data-testid="waiting-entry"][data-token="C-003"]').getByTestId('move-up').click();
		expect((await stale).status()).toBe(409);
		await expect.poll(() => reception.getByTestId('queue-notice').textContent()).toContain('Someone else changed this queue entry first. It now shows the latest state');
		await reception.unroute('**/reorder');
		await expect.poll(() => order(reception, '[data-testid="waiting-list"]')).toEqual(['C-002', 'C-003']);

		// The walk-in gave up waiting.
		const row = reception.locator('[data-testid="waiting-entry"][data-token="C-003"]');
		await row.getByTestId('mark-left').click();
		await row.getByTestId('left-confirm').click();
		await reception.locator('[data-testid="finished-entry"][data-token="C-003"][data-status="left"]').waitFor();
		await doctorPage.locator('[data-testid="waiting-for-me"] [data-token="C-003"]').waitFor({ state: 'detached', timeout: 1000 });
	});

	it("the calendar's appointment panel checks the patient in too, and reception's queue shows the token", async () => {
		await open(reception, '/ind/queue');
		const appointment = appointments[2]!;
		const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(appointment.start));
		// A manager at another desk works from the calendar.
		const desk = (await signedInPage(fixture.browser, fixture.server.url, 'manager@demo.skinspire.app')).page;
		await open(desk, '/ind/calendar');
		await desk.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
		await scrollTo(desk, time);
		await desk.locator(`[data-testid="calendar-event"][data-appointment-id="${appointment.id}"]`).click();
		const panel = desk.getByTestId('appointment-panel');
		await panel.getByTestId('appointment-check-in').click();
		await expect.poll(() => panel.getByTestId('appointment-token').textContent()).toBe('Checked in: token C-004 — please tell the patient.');
		await expect.poll(() => panel.getByTestId('appointment-status').textContent()).toBe('Checked in');
		await panel.getByTestId('appointment-check-in').waitFor({ state: 'detached' });
		await reception.locator('[data-testid="waiting-entry"][data-token="C-004"]').waitFor({ timeout: 1000 });
		await reception.locator(`[data-testid="arrival"][data-appointment-id="${appointment.id}"]`).waitFor({ state: 'detached', timeout: 1000 });
	});
});
