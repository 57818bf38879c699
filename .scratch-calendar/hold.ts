import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const date = process.argv[3]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'manager@demo.skinspire.app', { viewport: { width: 1280, height: 860 } });
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	page.on('console', (m) => console.log('console:', m.type(), m.text()));
	await page.goto(`/ind/calendar?date=${date}`);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
	await page.evaluate(() => document.querySelector('[data-testid="calendar"] [data-time="09:30:00"]')?.scrollIntoView({ block: 'start' }));
	const lane = page.locator('[data-testid="calendar"] [role="columnheader"]').filter({ hasText: 'Consult 2' }).first();
	const resource = await lane.getAttribute('data-resource-id');
	const x = await page.locator(`[role="gridcell"][data-resource-id="${resource}"]`).boundingBox();
	const y = await page.evaluate(() => { const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="calendar"] [data-time="11:00:00"]')].sort((a, b) => b.offsetWidth - a.offsetWidth); const r = rows[0]!.getBoundingClientRect(); return r.top + r.height / 2; });
	console.log(x, y);
	await page.mouse.click(x!.x + x!.width / 2, y);
	await page.waitForTimeout(2000);
	await page.screenshot({ path: '/tmp/cal-hold.png' });
	console.log(await page.getByTestId('hold-status').textContent());
} finally { await browser.close(); }
