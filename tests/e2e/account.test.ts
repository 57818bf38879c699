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

describe('your sessions in the browser', () => {
	it('signing out everywhere else sends the other browser to the sign-in page', async () => {
		const here = await signedInPage(browser, server.url, 'doctor@demo.skinspire.app');
		const elsewhere = await signedInPage(browser, server.url, 'doctor@demo.skinspire.app');
		await here.page.getByRole('link', { name: 'Account' }).click();
		await here.page.waitForURL('**/ind/account');
		expect(await here.page.getByTestId('session-item').count()).toBe(2);
		expect(await here.page.getByTestId('session-list').textContent()).toContain('This device');
		await here.page.getByTestId('revoke-others').click();
		await here.page.getByText('Ended 1 session').waitFor();
		await elsewhere.page.waitForURL('**/login**', { timeout: 5000 });
		expect(await here.page.getByTestId('session-item').count()).toBe(1);
		await here.context.close();
		await elsewhere.context.close();
	});
});
