import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const width = Number(process.argv[3] ?? 1280);
const scheme = (process.argv[4] ?? 'light') as 'light' | 'dark';
const path = process.argv[5] ?? '/ind/calendar';
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width, height: 800 }, colorScheme: scheme });
	page.on('console', (m) => console.log('console:', m.type(), m.text()));
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	await page.goto(path);
	await page.waitForTimeout(2500);
	await page.screenshot({ path: `/tmp/cal-${width}-${scheme}.png`, fullPage: true });
	console.log(await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, events: document.querySelectorAll('[data-testid=calendar-event]').length, title: document.querySelector('[data-testid=calendar-title]')?.textContent })));
} finally {
	await browser.close();
}
