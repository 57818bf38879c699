import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width: 1280, height: 860 } });
	for (const q of ['', '?date=2026-11-27', '?date=2026-11-26']) {
		await page.goto(`/ind/calendar${q}`);
		await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
		await page.waitForTimeout(500);
		console.log(q, await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="calendar"] [data-time]')].filter((e) => e.textContent).slice(0, 4).map((e) => `${e.dataset.time}=>${e.textContent}`).join(' | ')));
	}
} finally { await browser.close(); }
