import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useBrowserAndServer } from '../support/fixtures.ts';
import { signedInPage } from '../support/browser.ts';
import { api, login, type Session } from '../support/clients.ts';
import { nextWeekday, rowY, scrollTo } from '../support/calendar.ts';

/**
 * The room calendar on several desks at once: a move, a hold and a refusal as the people at the
 * desks see them, through a real browser, server and database.
 */
const fixture = useBrowserAndServer();

let reception: Page;
let manager: Page;
let koramangala: Page;
let session: Session;
let ind: string;
let consultation: { id: string; practitionerIds: string[] };
let rooms: Record<string, string>;
let patients: string[];
let doctor: string;
/** A weekday ahead on the branch's calendar, when Dr Rao works 10:00–19:00 with lunch at 13:30. */
let day: string;
let lastBooked: { id: string; start: string } | undefined;

const at = (time: string) => `${day}T${time}:00+05:30`;

async function book(time: string, room: string, patient: string) {
	const res = await api(fixture.server, session)('/api/v1/appointments', { method: 'POST', json: { patientId: patient, serviceId: consultation.id, practitionerId: doctor, roomId: rooms[room], start: at(time) } });
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; version: number };
}

async function openCalendar(page: Page, branch: 'ind' | 'kor') {
	await page.goto(`/${branch}/calendar?date=${day}`);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
}

/** The middle of a column's lane at a time of day, with that part of the day scrolled into view. */
async function cellPoint(page: Page, room: string, time: string): Promise<{ x: number; y: number }> {
	await scrollTo(page, time);
	const lane = (await page.locator(`[data-testid="calendar"] [role="gridcell"][data-resource-id="${rooms[room]}"]`).boundingBox())!;
	return { x: lane.x + lane.width / 2, y: await rowY(page, time) };
}

/** A real drag: press near the top of the event (not on its resize edge), move in steps, let go. */
async function drag(page: Page, event: Locator, to: { x: number; y: number }) {
	const box = (await event.boundingBox())!;
	const from = { x: box.x + box.width / 2, y: box.y + Math.min(8, box.height / 3) };
	// The grab point sits in the event's first slot; aim the same distance into the target slot.
	const target = { x: to.x, y: to.y - (await slotHeight(page)) / 2 + (from.y - box.y) };
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(from.x + 4, from.y + 4, { steps: 4 });
	await page.mouse.move(target.x, target.y, { steps: 25 });
	await page.waitForTimeout(150);
	await page.mouse.up();
}

async function slotHeight(page: Page): Promise<number> {
	return page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="calendar"] [data-time="10:00:00"][class]')!.getBoundingClientRect().height || 32);
}

const event = (page: Page, id: string) => page.locator(`[data-testid="calendar-event"][data-appointment-id="${id}"]`);

beforeAll(async () => {
	day = nextWeekday(2);
	session = await login(fixture.server, 'reception@demo.skinspire.app');
	ind = session.branch('IND').id;
	const call = api(fixture.server, session);
	consultation = (await (await call(`/api/v1/branches/${ind}/services`)).json()).items.find((s: { name: string }) => s.name === 'Dermatology consultation');
	rooms = Object.fromEntries((await (await call(`/api/v1/branches/${ind}/rooms`)).json()).items.map((r: { name: string; id: string }) => [r.name, r.id]));
	doctor = (await (await call(`/api/v1/branches/${ind}/practitioners`)).json()).items.find((p: { name: string }) => p.name === 'Dr Kavya Rao').id;
	patients = (await (await call('/api/v1/patients?pageSize=10')).json()).items.map((p: { id: string }) => p.id);
	[reception, manager, koramangala] = await Promise.all([
		signedInPage(fixture.browser, fixture.server.url, 'reception@demo.skinspire.app').then((x) => x.page),
		signedInPage(fixture.browser, fixture.server.url, 'manager@demo.skinspire.app').then((x) => x.page),
		signedInPage(fixture.browser, fixture.server.url, 'reception2@demo.skinspire.app').then((x) => x.page)
	]);
});

describe('the room calendar on several desks', () => {
	it('a drag to another room and time at one desk moves the appointment on the other desk within a second, and not at the other branch', async () => {
		const booked = await book('11:00', 'Consult 1', patients[0]!);
		await Promise.all([openCalendar(reception, 'ind'), openCalendar(manager, 'ind'), openCalendar(koramangala, 'kor')]);
		await event(manager, booked.id).waitFor();
		await manager.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
		const seenAtKoramangala: string[] = [];
		await koramangala.exposeFunction('__sawAppointment', (id: string) => seenAtKoramangala.push(id));
		await koramangala.evaluate(() => {
			new MutationObserver(() => document.querySelectorAll<HTMLElement>('[data-appointment-id]').forEach((e) => (window as unknown as { __sawAppointment: (id: string) => void }).__sawAppointment(e.dataset.appointmentId!))).observe(document.body, { subtree: true, childList: true });
		});

		const moved = reception.waitForResponse((r) => r.url().endsWith(`/api/v1/appointments/${booked.id}`) && r.request().method() === 'PATCH');
		await drag(reception, event(reception, booked.id), await cellPoint(reception, 'Consult 2', '12:00'));
		const response = await moved;
		const droppedAt = Date.now();
		expect(response.status()).toBe(200);

		const there = manager.locator(`[data-appointment-id="${booked.id}"][data-room-id="${rooms['Consult 2']}"][data-start="${at('12:00')}"]`);
		await there.waitFor({ timeout: 5000 });
		expect(Date.now() - droppedAt).toBeLessThan(1000);
		// Drawn in the Consult 2 column, on a screen that was never reloaded.
		const lane = (await manager.locator(`[role="gridcell"][data-resource-id="${rooms['Consult 2']}"]`).boundingBox())!;
		const box = (await there.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(lane.x - 1);
		expect(box.x + box.width).toBeLessThanOrEqual(lane.x + lane.width + 1);
		expect(await manager.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
		await expect(event(manager, booked.id).count()).resolves.toBe(1);

		await koramangala.waitForTimeout(800);
		expect(seenAtKoramangala).toEqual([]);
		expect(await koramangala.locator('[data-testid="calendar-event"]').count()).toBe(0);
	});

	it('a slot held while booking at one desk shows as held on the other, and is gone when the booking is cancelled', async () => {
		await reception.mouse.click(...Object.values(await cellPoint(reception, 'Consult 2', '15:00')) as [number, number]);
		await reception.getByTestId('booking-dialog').waitFor();
		await reception.getByTestId('hold-held').waitFor();
		expect(await reception.getByTestId('booking-room').inputValue()).toBe(rooms['Consult 2']);

		const held = manager.getByTestId('calendar-hold').filter({ hasText: 'Held by Priya Nair' });
		await held.waitFor({ timeout: 3000 });
		const lane = (await manager.locator(`[role="gridcell"][data-resource-id="${rooms['Consult 2']}"]`).boundingBox())!;
		const band = (await held.boundingBox())!;
		expect(band.x).toBeGreaterThanOrEqual(lane.x - 1);
		expect(band.x + band.width).toBeLessThanOrEqual(lane.x + lane.width + 1);

		await reception.getByTestId('booking-cancel').click();
		await reception.getByTestId('booking-dialog').waitFor({ state: 'detached' });
		await held.waitFor({ state: 'detached', timeout: 3000 });
		await expect(reception.getByTestId('calendar-hold').count()).resolves.toBe(0);
	});

	it('a drop onto a taken time snaps back and says why', async () => {
		const mover = await book('16:00', 'Consult 1', patients[1]!);
		const blocker = await book('16:30', 'Consult 2', patients[2]!);
		await openCalendar(reception, 'ind');
		await event(reception, blocker.id).waitFor();
		const refused = reception.waitForResponse((r) => r.url().endsWith(`/api/v1/appointments/${mover.id}`) && r.request().method() === 'PATCH');
		await drag(reception, event(reception, mover.id), await cellPoint(reception, 'Consult 2', '16:30'));
		expect((await refused).status()).toBe(409);

		const toast = reception.getByTestId('calendar-toast');
		await toast.waitFor();
		expect(await toast.textContent()).toMatch(/Not moved: That time is taken.*This practitioner is already booked then.*This room is already booked then/);
		// Back where it was, in Consult 1 at 16:00.
		const back = reception.locator(`[data-appointment-id="${mover.id}"][data-room-id="${rooms['Consult 1']}"][data-start="${at('16:00')}"]`);
		await back.waitFor();
		const slot = await cellPoint(reception, 'Consult 1', '16:00');
		const lane = (await reception.locator(`[role="gridcell"][data-resource-id="${rooms['Consult 1']}"]`).boundingBox())!;
		const box = (await back.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(lane.x + lane.width + 1);
		expect(slot.y).toBeGreaterThanOrEqual(box.y);
		expect(slot.y).toBeLessThanOrEqual(box.y + box.height);
	});

	it('a slot held at another desk is refused with the nearest free times; picking one holds it, and the booking reaches the other desk', async () => {
		await manager.mouse.click(...(Object.values(await cellPoint(manager, 'Consult 2', '15:00')) as [number, number]));
		await manager.getByTestId('hold-held').waitFor();

		await reception.mouse.click(...(Object.values(await cellPoint(reception, 'Consult 1', '15:00')) as [number, number]));
		const refused = reception.getByTestId('hold-refused');
		await refused.waitFor();
		expect(await refused.textContent()).toMatch(/This practitioner is already booked then/);
		const alternative = reception.getByTestId('alternative').first();
		await alternative.waitFor();
		await alternative.click();
		await reception.getByTestId('hold-held').waitFor();

		const patient = (await (await api(fixture.server, session)(`/api/v1/patients/${patients[3]}`)).json()) as { fullName: string };
		await reception.getByTestId('booking-patient-search').fill(patient.fullName.split(' ')[0]!);
		await reception.getByTestId('booking-patient-result').filter({ hasText: patient.fullName }).first().click();
		await reception.getByTestId('booking-patient').waitFor();
		const booking = reception.waitForResponse((r) => r.url().endsWith('/api/v1/appointments') && r.request().method() === 'POST');
		await reception.getByTestId('booking-submit').click();
		const created = await booking;
		expect(created.status()).toBe(201);
		const appointment = (await created.json()) as { id: string; start: string; patient: { name: string } };
		expect(appointment.start).not.toBe(at('15:00'));
		await reception.getByTestId('booking-dialog').waitFor({ state: 'detached' });
		await reception.getByTestId('calendar-toast').filter({ hasText: `${patient.fullName} booked` }).waitFor();

		await manager.locator(`[data-testid="calendar-event"][data-appointment-id="${appointment.id}"][data-start="${appointment.start}"]`).waitFor({ timeout: 3000 });
		await manager.getByTestId('booking-cancel').click();
		await manager.getByTestId('booking-dialog').waitFor({ state: 'detached' });
		lastBooked = appointment;
	});

	it('dragging the lower edge makes it longer, on both desks', async () => {
		const id = lastBooked!.id;
		const time = lastBooked!.start.slice(11, 16);
		await scrollTo(reception, time);
		const box = (await event(reception, id).boundingBox())!;
		const slot = await slotHeight(reception);
		const edge = { x: box.x + box.width / 2, y: box.y + box.height - 3 };
		const resized = reception.waitForResponse((r) => r.url().endsWith(`/api/v1/appointments/${id}`) && r.request().method() === 'PATCH');
		await reception.mouse.move(edge.x, edge.y - 6);
		await reception.mouse.move(edge.x, edge.y, { steps: 3 });
		await reception.mouse.down();
		await reception.mouse.move(edge.x, edge.y + 4, { steps: 3 });
		await reception.mouse.move(edge.x, edge.y + 2 * slot, { steps: 15 });
		await reception.waitForTimeout(150);
		await reception.mouse.up();
		const response = await resized;
		expect(response.status()).toBe(200);
		expect(JSON.parse(response.request().postData()!)).toMatchObject({ durationMinutes: 45 });
		const end = new Date(Date.parse(lastBooked!.start) + 45 * 60_000);
		const endIso = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(end)}T${new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(end)}:00+05:30`;
		await manager.locator(`[data-appointment-id="${id}"][data-end="${endIso}"]`).waitFor({ timeout: 3000 });
	});
});

