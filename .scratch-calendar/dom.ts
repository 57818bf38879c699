import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app');
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	await page.goto('/ind/calendar');
	await page.waitForTimeout(2000);
	console.log(await page.evaluate(() => { const el = document.querySelector('[data-testid=calendar]')!; return { cls: el.className, h: el.getBoundingClientRect().height, html: el.outerHTML.slice(0, 1500) }; }));
} finally { await browser.close(); }
