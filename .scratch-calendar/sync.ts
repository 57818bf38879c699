import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width: 1280, height: 860 } });
	await page.goto(`/ind/calendar?date=2026-11-27`);
	await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
	const report = () => page.evaluate(() => {
		const all = [...document.querySelectorAll<HTMLElement>('[data-testid="calendar"] [data-time="12:00:00"]')];
		return all.map((e) => `${e.offsetWidth}:${Math.round(e.getBoundingClientRect().top)}`).join(' ');
	});
	console.log('initial', await report());
	await page.evaluate(() => document.querySelector('[data-testid="calendar"] [data-time="09:30:00"]')?.scrollIntoView({ block: 'start' }));
	await page.waitForTimeout(1000);
	console.log('after scrollIntoView', await report());
	await page.mouse.move(640, 600);
	await page.mouse.wheel(0, 200);
	await page.waitForTimeout(1000);
	console.log('after wheel', await report());
} finally { await browser.close(); }
