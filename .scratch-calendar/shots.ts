import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
const url = process.argv[2]!;
const width = Number(process.argv[3] ?? 1280);
const scheme = (process.argv[4] ?? 'light') as 'light' | 'dark';
const steps = (process.argv[5] ?? 'day').split(',');
const browser = await launchBrowser();
try {
	const { page } = await signedInPage(browser, url, 'reception@demo.skinspire.app', { viewport: { width, height: 800 }, colorScheme: scheme });
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.type(), m.text()); });
	await page.goto('/ind/calendar');
	await page.waitForTimeout(2000);
	for (const step of steps) {
		if (step.startsWith('click:')) await page.getByTestId(step.slice(6)).click();
		else if (step.startsWith('wait')) await page.waitForTimeout(Number(step.slice(4)) || 1000);
		else if (step.startsWith('shot:')) {
			await page.screenshot({ path: `/tmp/cal-${step.slice(5)}.png`, fullPage: true });
			console.log(step, await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, events: document.querySelectorAll('[data-testid=calendar-event]').length })));
		} else if (step.startsWith('js:')) console.log(await page.evaluate(step.slice(3)));
	}
} finally {
	await browser.close();
}
