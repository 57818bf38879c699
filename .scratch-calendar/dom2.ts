import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app');
	await page.goto('/ind/calendar');
	await page.waitForTimeout(2000);
	console.log(await page.evaluate(() => {
		const out: string[] = [];
		for (const el of document.querySelectorAll('[data-time]')) { out.push(el.tagName + ' ' + el.getAttribute('data-time') + ' ' + (el.getAttribute('role') ?? '') + ' ' + JSON.stringify(el.getBoundingClientRect())); if (out.length > 6) break; }
		const ev = document.querySelector('[data-testid=calendar-event]')!;
		out.push(ev.outerHTML.slice(0, 800));
		out.push(ev.parentElement!.outerHTML.slice(0, 300));
		const lanes = [...document.querySelectorAll('[data-resource-id]')].slice(0, 14).map((e) => e.tagName + ' ' + e.getAttribute('role') + ' ' + e.getAttribute('data-date') + ' ' + JSON.stringify(e.getBoundingClientRect()));
		return [...out, ...lanes].join('\n');
	}));
} finally { await browser.close(); }
