import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';
import { totpCode } from '../support/totp.ts';

const env = useBrowserAndServer();

describe('your sessions in the browser', () => {
	it('signing out everywhere else sends the other env.browser to the sign-in page', async () => {
		const here = await signedInPage(env.browser, env.server.url, 'doctor@demo.skinspire.app');
		const elsewhere = await signedInPage(env.browser, env.server.url, 'doctor@demo.skinspire.app');
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

	it('sets up an authenticator app from the account page, then signs in with a code', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'accountant@demo.skinspire.app');
		await page.goto('/ind/account');
		await page.locator('html[data-hydrated]').waitFor();
		await page.getByTestId('setup-mfa').click();
		await page.waitForURL('**/mfa/setup');
		await page.getByLabel('Password').fill('skinspire-demo');
		await page.getByTestId('start-totp').click();
		const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
		expect(await page.locator('svg').count()).toBeGreaterThan(0);
		await page.getByLabel('Code from the app').fill('000000');
		await page.getByTestId('confirm-totp').click();
		await page.getByTestId('setup-error').waitFor();
		await page.getByLabel('Code from the app').fill(totpCode(secret));
		await page.getByTestId('confirm-totp').click();
		await page.getByTestId('recovery-codes').waitFor();
		expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
		await page.getByTestId('setup-done').click();
		await page.getByTestId('sign-out').click();
		await page.waitForURL('**/login');

		await page.getByLabel('Email').fill('accountant@demo.skinspire.app');
		await page.getByLabel('Password').fill('skinspire-demo');
		await page.getByTestId('login-submit').click();
		await page.waitForURL('**/login/mfa');
		await page.getByLabel('Code').fill(totpCode(secret, 1));
		await page.getByTestId('mfa-submit').click();
		await page.waitForURL('**/ind');
		await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
		await context.close();
	});
});

describe('preferences in the browser', () => {
	it('the theme follows the person to a new device; turning toasts off keeps the strip', async () => {
		const first = await signedInPage(env.browser, env.server.url, 'pharmacist@demo.skinspire.app');
		await first.page.goto('/ind/account');
		await first.page.locator('html[data-hydrated]').waitFor();
		await first.page.getByLabel('Theme', { exact: true }).selectOption('dark');
		await first.page.getByLabel('Pop up new branch notices').uncheck();
		await first.page.getByTestId('profile-form').getByRole('button', { name: 'Save' }).click();
		await first.page.getByTestId('profile-saved').waitFor();

		const second = await signedInPage(env.browser, env.server.url, 'pharmacist@demo.skinspire.app', { colorScheme: 'light' });
		await second.page.waitForFunction(() => document.documentElement.classList.contains('dark'));
		const poster = await signedInPage(env.browser, env.server.url, 'reception@demo.skinspire.app');
		await poster.page.getByTestId('notice-message').fill('Quiet notice for the pharmacy');
		await poster.page.getByTestId('post-notice').click();
		await second.page.getByTestId('notice-strip-item').filter({ hasText: 'Quiet notice' }).waitFor();
		expect(await second.page.getByTestId('toast').count()).toBe(0);
		for (const c of [first.context, second.context, poster.context]) await c.close();
	});

	it('uploads a photo from the account page, and says why a wrong file is refused', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'manager@demo.skinspire.app');
		await page.goto('/ind/account');
		await page.locator('html[data-hydrated]').waitFor();
		await page.getByLabel(/^Photo/).setInputFiles({ name: 'notes.txt', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
		await page.getByRole('button', { name: 'Upload' }).click();
		await page.getByTestId('photo-error').waitFor();
		expect(await page.getByTestId('photo-error').textContent()).toMatch(/not a JPEG, PNG or WebP/);
		const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
		await page.getByLabel(/^Photo/).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
		await page.getByRole('button', { name: 'Upload' }).click();
		await page.getByTestId('my-photo').waitFor();
		expect(await page.getByTestId('my-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
		await context.close();
	});
});
