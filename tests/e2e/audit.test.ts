import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';

const env = useBrowserAndServer();

describe('audit trail in the browser', () => {
	it('an admin reads the sign-ins, filters them and verifies the chain', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'admin@demo.skinspire.app');
		await page.getByRole('link', { name: 'Audit' }).click();
		await page.waitForURL('**/ind/audit');
		await page.getByTestId('audit-row').first().waitFor();
		expect(await page.getByTestId('audit-table').textContent()).toContain('auth.login');
		await page.getByLabel('Action starts with').fill('auth.login');
		await page.getByRole('button', { name: 'Filter' }).click();
		await page.waitForURL('**action=auth.login**');
		await page.getByTestId('audit-verify').click();
		await page.getByTestId('verify-result').waitFor();
		expect(await page.getByTestId('verify-result').textContent()).toMatch(/The chain is intact: \d+ rows checked/);
		await context.close();
	});

	it('a receptionist has no Audit link, and the page answers 403', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'reception@demo.skinspire.app');
		expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
		const res = await page.goto('/ind/audit');
		expect(res?.status()).toBe(403);
		await context.close();
	});

	it('the activity dashboard counts a failed sign-in elsewhere without a reload', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'admin@demo.skinspire.app');
		await page.getByRole('link', { name: 'Activity' }).click();
		await page.waitForURL('**/ind/activity');
		const before = Number(await page.getByTestId('failures-24h').textContent());
		await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
		await fetch(`${env.server.url}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: env.server.url },
			body: JSON.stringify({ email: 'doctor@demo.skinspire.app', password: 'not-the-password' })
		});
		await page.waitForFunction((n) => Number(document.querySelector('[data-testid="failures-24h"]')?.textContent) === n, before + 1, { timeout: 5000 });
		expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
		await context.close();
	});
});
