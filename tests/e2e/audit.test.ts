import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createDatabase } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	server = await startServer({ databaseUrl: await createDatabase() });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('audit trail in the browser', () => {
	it('an admin reads the sign-ins, filters them and verifies the chain', async () => {
		const { page, context } = await signedInPage(browser, server.url, 'admin@demo.skinspire.app');
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
		const { page, context } = await signedInPage(browser, server.url, 'reception@demo.skinspire.app');
		expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
		const res = await page.goto('/ind/audit');
		expect(res?.status()).toBe(403);
		await context.close();
	});
});
