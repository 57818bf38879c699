// `node scripts/screenshots-calendar.ts [url]`: the room and practitioner calendars, the booking
// dialog (with a slot held at another desk) and an appointment's panel, light and dark, at phone and
// desktop widths, under docs/screenshots/. On a demo database it first books a varied day on the
// next weekday (once), so the pictures show more than one kind of appointment.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
import { api, login } from '../tests/support/clients.ts';
import { nextWeekday, rowY, scrollTo } from '../tests/support/calendar.ts';

const url = process.argv[2] ?? 'http://localhost:5173';
const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const sizes = { desktop: { width: 1280, height: 860 }, phone: { width: 360, height: 780 } } as const;

const day = nextWeekday(1);

/** A morning as a busy branch has it: consultations, lasers, a peel, a facial, some confirmed. */
async function bookDay() {
	const session = await login({ url }, 'reception@demo.skinspire.app');
	const call = api({ url }, session);
	const ind = session.branch('IND').id;
	const existing = (await (await call(`/api/v1/branches/${ind}/appointments?from=${encodeURIComponent(`${day}T00:00:00+05:30`)}&to=${encodeURIComponent(`${day}T23:59:00+05:30`)}`)).json()).items;
	if (existing.length) return;
	const services = (await (await call(`/api/v1/branches/${ind}/services`)).json()).items as { id: string; name: string }[];
	const rooms = (await (await call(`/api/v1/branches/${ind}/rooms`)).json()).items as { id: string; name: string }[];
	const staff = (await (await call(`/api/v1/branches/${ind}/practitioners`)).json()).items as { id: string; name: string }[];
	const patients = ((await (await call('/api/v1/patients?pageSize=20')).json()).items as { id: string }[]).map((p) => p.id);
	const id = (list: { id: string; name: string }[], name: string) => list.find((x) => x.name === name)!.id;
	const plan: [string, string, string, string, string?][] = [
		['10:00', 'Laser toning (face)', 'Dr Kavya Rao', 'Laser 2', 'confirmed'],
		['10:45', 'Follow-up visit', 'Dr Kavya Rao', 'Consult 1'],
		['11:00', 'Mole excision', 'Dr Kavya Rao', 'Procedure theatre', 'confirmed'],
		['12:00', 'Botulinum toxin (forehead)', 'Dr Kavya Rao', 'Consult 2'],
		['09:30', 'Laser hair removal (underarms)', "Anita D'Souza", 'Laser 1', 'confirmed'],
		['10:30', 'HydraFacial', "Anita D'Souza", 'Facial suite'],
		['11:45', 'Chemical peel (glycolic)', "Anita D'Souza", 'Facial suite'],
		['12:30', 'IPL photofacial', "Anita D'Souza", 'Laser 1']
	];
	for (const [i, [time, service, who, room, status]] of plan.entries()) {
		const res = await call('/api/v1/appointments', { method: 'POST', json: { patientId: patients[i], serviceId: id(services, service), practitionerId: id(staff, who), roomId: id(rooms, room), start: `${day}T${time}:00+05:30` } });
		const booked = await res.json();
		if (res.ok && status) await call(`/api/v1/appointments/${booked.id}/status`, { method: 'POST', json: { status, version: booked.version } });
	}
}

async function openCalendar(page: Page, columns: 'rooms' | 'practitioners') {
	await page.goto(`/ind/calendar?date=${day}`);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
	await page.getByTestId(`view-day`).click();
	await page.getByTestId(`columns-${columns}`).click();
	await scrollTo(page, '11:30');
	await page.waitForTimeout(200);
}

async function clickSlot(page: Page, columnName: string, time: string) {
	const lane = page.locator('[data-testid="calendar"] [role="columnheader"]').filter({ hasText: columnName }).first();
	const resource = await lane.getAttribute('data-resource-id');
	const x = (await page.locator(`[role="gridcell"][data-resource-id="${resource}"]`).boundingBox())!;
	await page.mouse.click(x.x + x.width / 2, await rowY(page, time));
}

await bookDay();
const browser = await launchBrowser();
try {
	for (const scheme of ['light', 'dark'] as const) {
		for (const [name, viewport] of Object.entries(sizes)) {
			const shot = (page: Page, file: string) => page.screenshot({ path: path.join(out, `calendar-${file}-${name}-${scheme}.png`), fullPage: true });
			const reception = await signedInPage(browser, url, 'reception@demo.skinspire.app', { colorScheme: scheme, viewport });
			const manager = await signedInPage(browser, url, 'manager@demo.skinspire.app', { colorScheme: scheme, viewport: sizes.desktop });
			await openCalendar(manager.page, 'rooms');
			// Another desk is booking Consult 2 at 12:45: everyone sees it held.
			await clickSlot(manager.page, 'Consult 2', '12:45');
			await manager.page.getByTestId('hold-held').waitFor();

			await openCalendar(reception.page, 'rooms');
			await reception.page.getByTestId('calendar-hold').first().waitFor();
			await shot(reception.page, 'rooms');
			await openCalendar(reception.page, 'practitioners');
			await shot(reception.page, 'practitioners');

			await openCalendar(reception.page, 'rooms');
			await clickSlot(reception.page, 'Consult 1', '12:30');
			await reception.page.getByTestId('hold-held').waitFor();
			await reception.page.getByTestId('booking-patient-result').first().waitFor();
			await shot(reception.page, 'booking');
			await reception.page.getByTestId('booking-cancel').click();

			await reception.page.getByTestId('calendar-event').first().click();
			await reception.page.getByTestId('appointment-history').locator('li').first().waitFor();
			await shot(reception.page, 'appointment');

			await manager.page.getByTestId('booking-cancel').click();
			await reception.context.close();
			await manager.context.close();
		}
	}
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
}
