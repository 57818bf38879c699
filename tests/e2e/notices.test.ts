import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDatabase } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';

let server: TestServer;
let browser: Browser;
let reception: Page;
let doctor: Page;
let koramangala: Page;

beforeAll(async () => {
	server = await startServer({ databaseUrl: await createDatabase() });
	browser = await launchBrowser();
	[reception, doctor, koramangala] = await Promise.all([
		signedInPage(browser, server.url, 'reception@demo.skinspire.app').then((x) => x.page),
		signedInPage(browser, server.url, 'doctor@demo.skinspire.app').then((x) => x.page),
		signedInPage(browser, server.url, 'reception2@demo.skinspire.app').then((x) => x.page)
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Marks the document so a reload (which would wipe the mark) is detectable. */
async function markNoReload(page: Page) {
	await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
	return async () => expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

describe('branch notices in the browser', () => {
	it('shows the signed-in branch and a live connection', async () => {
		expect(new URL(reception.url()).pathname).toBe('/ind');
		expect(new URL(koramangala.url()).pathname).toBe('/kor');
		await expect(reception.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Indiranagar');
	});

	it('a notice posted at reception appears on a second screen of the branch without a reload, and never in Koramangala', async () => {
		const doctorStillSamePage = await markNoReload(doctor);
		await reception.getByTestId('notice-message').fill('Dr Rao is running 20 minutes late');
		await reception.getByTestId('post-notice').click();

		await doctor.getByTestId('toast').filter({ hasText: 'Dr Rao is running 20 minutes late' }).waitFor({ timeout: 5000 });
		await doctor.getByTestId('notice-strip-item').filter({ hasText: 'Dr Rao is running 20 minutes late' }).waitFor();
		await doctor.getByTestId('notice-item').filter({ hasText: 'Dr Rao is running 20 minutes late' }).waitFor();
		await doctorStillSamePage();
		// The poster's own form is emptied, ready for the next one.
		await expect.poll(() => reception.getByTestId('notice-message').inputValue()).toBe('');

		await koramangala.waitForTimeout(1000);
		expect(await koramangala.getByText('Dr Rao is running 20 minutes late').count()).toBe(0);
		expect(await koramangala.getByTestId('no-notices').isVisible()).toBe(true);
	});

	it('dismissing hides it for that person only; clearing removes it from every screen', async () => {
		await doctor.getByRole('button', { name: /Dismiss for me: Dr Rao/ }).click();
		await doctor.getByTestId('notice-strip-item').filter({ hasText: 'Dr Rao' }).waitFor({ state: 'detached' });
		expect(await reception.getByTestId('notice-strip-item').filter({ hasText: 'Dr Rao' }).count()).toBe(1);

		await reception.getByTestId('notice-item').filter({ hasText: 'Dr Rao' }).getByTestId('clear-notice').click();
		await doctor.getByTestId('notice-item').filter({ hasText: 'Dr Rao' }).waitFor({ state: 'detached', timeout: 5000 });
		await reception.getByTestId('notice-strip-item').filter({ hasText: 'Dr Rao' }).waitFor({ state: 'detached' });
	});

	it('refuses a notice that is too long, says why, and keeps what was typed; fixed, it goes out marked for the waiting-room TV', async () => {
		const long = 'Laser room 2 is out of service '.repeat(10).slice(0, 290);
		await reception.getByTestId('notice-message').fill(long);
		await reception.getByTestId('notice-on-board').check();
		await reception.getByTestId('post-notice').click();
		await reception.getByTestId('post-error').waitFor();
		expect(await reception.getByTestId('post-error').textContent()).toMatch(/280 characters/);
		expect(await reception.getByTestId('notice-message').inputValue()).toBe(long);
		expect(await reception.getByTestId('notice-on-board').isChecked()).toBe(true);
		expect(await reception.getByTestId('notice-message').getAttribute('aria-invalid')).toBe('true');
		await doctor.waitForTimeout(500);
		expect(await doctor.getByTestId('toast').filter({ hasText: 'Laser room 2' }).count()).toBe(0);

		// Shortened, it goes out, marked on every screen as one the waiting-room TV shows too.
		await reception.getByTestId('notice-message').fill('Laser room 2 is out of service today');
		await reception.getByTestId('post-notice').click();
		await doctor.getByTestId('notice-item').filter({ hasText: 'Laser room 2 is out of service today' }).getByTestId('notice-on-board-badge').waitFor({ timeout: 5000 });
		await expect.poll(() => reception.getByTestId('notice-on-board').isChecked()).toBe(false);
	});

	it('wrong password keeps the email and says what happened', async () => {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		await page.goto('/login');
		await page.getByLabel('Email').fill('reception@demo.skinspire.app');
		await page.getByLabel('Password').fill('wrong-password');
		await page.getByTestId('login-submit').click();
		await page.getByTestId('login-error').waitFor();
		expect(await page.getByTestId('login-error').textContent()).toContain('Email or password is incorrect');
		expect(await page.getByLabel('Email').inputValue()).toBe('reception@demo.skinspire.app');
		await context.close();
	});

	it('lets a user in two branches switch between them', async () => {
		const { page, context } = await signedInPage(browser, server.url, 'admin@demo.skinspire.app');
		await page.getByTestId('branch-switcher').locator('summary').click();
		await page.getByRole('link', { name: /Koramangala/ }).click();
		await page.waitForURL('**/kor');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Koramangala');
		await context.close();
	});

	it('signing out in one tab shows the other tab of that session as signed out', async () => {
		const { page, context } = await signedInPage(browser, server.url, 'manager@demo.skinspire.app');
		const second = await context.newPage();
		await second.goto('/ind');
		await second.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
		await page.getByTestId('sign-out').click();
		await page.waitForURL('**/login');
		await second.waitForURL('**/login**', { timeout: 5000 });
		await context.close();
	});
});
