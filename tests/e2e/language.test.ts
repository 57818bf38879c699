import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';

const env = useBrowserAndServer();
const DEVANAGARI = /[\u0900-\u097F]/;

describe('language in the browser', () => {
	it('choosing Hindi on the account page turns every screen Hindi, follows the person to another device, and survives signing out', async () => {
		const desk = await signedInPage(env.browser, env.server.url, 'pharmacist@demo.skinspire.app');
		const phone = await signedInPage(env.browser, env.server.url, 'pharmacist@demo.skinspire.app', { viewport: { width: 390, height: 844 } });
		const { page } = desk;
		await page.goto('/ind/account');
		await page.locator('html[data-hydrated]').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.getByTestId('language-select').selectOption('hi');
		await page.getByTestId('profile-form').getByRole('button').last().click();
		await page.waitForFunction(() => document.documentElement.lang === 'hi' || /[\u0900-\u097F]/.test(document.querySelector('h1')?.textContent ?? ''));
		expect(await page.locator('h1').textContent()).toMatch(DEVANAGARI);

		// The other device shows Hindi on its next page, although its browser asks for English.
		await phone.page.goto('/ind');
		expect(await phone.page.locator('html').getAttribute('lang')).toBe('hi');
		expect(await phone.page.locator('main').textContent()).toMatch(DEVANAGARI);

		// Signed out, this browser keeps speaking Hindi; the switcher on the sign-in page goes back.
		await page.getByTestId('sign-out').click();
		await page.waitForURL('**/login');
		expect(await page.locator('html').getAttribute('lang')).toBe('hi');
		await page.getByTestId('language-switcher').getByRole('button', { name: 'English' }).click();
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		expect(await page.getByTestId('login-submit').textContent()).not.toMatch(DEVANAGARI);
		await desk.context.close();
		await phone.context.close();
	});
});
