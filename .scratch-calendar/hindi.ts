import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width: 1280, height: 860 } });
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	await page.goto(`/ind/calendar`);
	await page.getByTestId('language-switcher').getByRole('button', { name: 'हिन्दी' }).click();
	await page.waitForURL(/calendar/);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
	await page.waitForTimeout(800);
	await page.screenshot({ path: '/tmp/cal-hindi-day.png' });
	await page.getByTestId('view-month').click();
	await page.waitForTimeout(800);
	await page.screenshot({ path: '/tmp/cal-hindi-month.png' });
	await page.getByTestId('view-day').click();
	await page.waitForTimeout(500);
	await page.getByTestId('calendar-event').first().click();
	await page.getByTestId('appointment-history').locator('li').first().waitFor();
	await page.screenshot({ path: '/tmp/cal-hindi-panel.png' });
} finally { await browser.close(); }
