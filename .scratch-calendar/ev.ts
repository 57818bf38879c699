import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
	await page.goto(`/ind/calendar?date=2026-11-27`);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
	const ev = page.locator('[data-testid=calendar-event]').filter({ hasText: 'Nandini' });
	console.log(await ev.evaluate((e) => e.outerHTML));
	await ev.scrollIntoViewIfNeeded();
	await ev.screenshot({ path: '/tmp/ev.png' });
} finally { await browser.close(); }
