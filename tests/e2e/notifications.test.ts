import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { api, login, type Session } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let browser: Browser;
let tabA: Page;
let tabB: Page;
let reception: Session;
let doctor: Session;

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	browser = await launchBrowser();
	reception = await login(server, 'reception@demo.skinspire.app');
	doctor = await login(server, 'doctor@demo.skinspire.app');
	// The same doctor on two devices.
	[tabA, tabB] = await Promise.all([
		signedInPage(browser, server.url, 'doctor@demo.skinspire.app').then((x) => x.page),
		signedInPage(browser, server.url, 'doctor@demo.skinspire.app').then((x) => x.page)
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const badge = (page: Page) => page.getByTestId('notification-count');

describe('the notification bell', () => {
	it('a patient checked in for the doctor rings the bell on every screen of theirs at once, with a pop-up', async () => {
		const ind = reception.branch('IND').id;
		const [patient] = (await (await api(server, reception)('/api/v1/patients?pageSize=1')).json()).items;
		const services = (await (await api(server, reception)(`/api/v1/branches/${ind}/services`)).json()).items as { id: string; name: string }[];
		const consultation = services.find((s) => s.name === 'Dermatology consultation')!;
		expect(await badge(tabA).count()).toBe(0);

		const res = await api(server, reception)(`/api/v1/branches/${ind}/queue`, { method: 'POST', json: { patientId: patient.id, serviceId: consultation.id, practitionerId: doctor.me.user.id } });
		expect(res.status).toBe(201);
		const { token } = await res.json();

		await badge(tabA).filter({ hasText: '1' }).waitFor({ timeout: 3000 });
		await badge(tabB).filter({ hasText: '1' }).waitFor({ timeout: 3000 });
		const text = `${patient.fullName} (${token}) checked in for Dermatology consultation`;
		await tabA.getByTestId('notification-toast').filter({ hasText: text }).waitFor();
		await tabA.getByTestId('notification-bell-button').click();
		const item = tabA.getByTestId('notification').filter({ hasText: text });
		await item.waitFor();
		expect(await item.getAttribute('data-read')).toBe('false');
		expect(await item.locator('a').getAttribute('href')).toBe('/ind/my-day');
	});

	it('marking them read on one screen clears the badge on the other, without a reload', async () => {
		// One more, left while the screens were away: the page shows it when it loads.
		await query(
			databaseUrl,
			`insert into user_notification (id, hospital_id, branch_id, user_id, kind, params, link, created_at)
			 values (gen_random_uuid(), $1, $2, $3, 'queue.checked-in', $4::jsonb, null, now())`,
			[doctor.me.hospital.id, doctor.branch('IND').id, doctor.me.user.id, JSON.stringify({ token: 'P-042', patient: 'Rohan Iyer', waitingFor: 'Chemical peel' })]
		);
		await tabB.reload();
		await tabB.locator('html[data-hydrated]').waitFor();
		await badge(tabB).filter({ hasText: '2' }).waitFor();
		await tabB.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

		await tabA.reload();
		await tabA.locator('html[data-hydrated]').waitFor();
		await tabA.getByTestId('notification-bell-button').click();
		await tabA.getByTestId('notification').filter({ hasText: 'Rohan Iyer (P-042) checked in for Chemical peel' }).waitFor();
		await tabA.getByTestId('notifications-read-all').click();
		await badge(tabA).waitFor({ state: 'detached' });
		await badge(tabB).waitFor({ state: 'detached', timeout: 3000 });
		expect(await tabB.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
		expect(await tabA.getByTestId('notification').evaluateAll((items) => items.map((i) => i.getAttribute('data-read')))).toEqual(['true', 'true']);
	});

	it('reads in Hindi for someone who chose Hindi', async () => {
		await api(server, doctor)('/api/v1/me/profile', { method: 'PATCH', json: { language: 'hi' } });
		await tabA.reload();
		await tabA.locator('html[data-hydrated]').waitFor();
		await tabA.getByTestId('notification-bell-button').click();
		await tabA.getByTestId('notification').filter({ hasText: 'Rohan Iyer (P-042) Chemical peel के लिए चेक-इन हो गए' }).waitFor();
	});
});
