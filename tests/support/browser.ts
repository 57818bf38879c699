import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
	const found = candidates.find((p) => fs.existsSync(p));
	if (!found) {
		throw new Error('Chromium was not found at /usr/bin/chromium. Install it with `apt-get install -y chromium`, or set CHROMIUM_PATH.');
	}
	return found;
}

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}

/** A fresh browser profile, signed in through the real login form. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL: baseUrl, colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('skinspire-demo');
	await page.getByTestId('login-submit').click();
	await page.waitForURL((url) => /^\/[a-z]{3}$/.test(url.pathname));
	await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor({ timeout: 10_000 });
	return { context, page };
}
