import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width: 1280, height: 860 } });
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	await page.goto(`/ind/calendar?date=2026-11-30`);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
	await page.waitForTimeout(500);
	await page.screenshot({ path: '/tmp/cal-oos.png' });
	const header = page.locator('[role=columnheader]').filter({ hasText: 'Laser 2' });
	const id = await header.getAttribute('data-resource-id');
	const lane = (await page.locator(`[role=gridcell][data-resource-id="${id}"]`).boundingBox())!;
	await page.mouse.click(lane.x + lane.width / 2, 600);
	await page.getByTestId('booking-dialog').waitFor();
	await page.waitForTimeout(1500);
	await page.screenshot({ path: '/tmp/cal-oos-dialog.png' });
	console.log(await page.getByTestId('hold-status').textContent());
} finally { await browser.close(); }
