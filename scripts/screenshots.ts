// `node scripts/screenshots.ts [url]`: sign in as demo users in Chromium, post a notice, and save
// light and dark screenshots at phone and desktop widths under docs/screenshots/.
import path from 'node:path';
import { launchBrowser, signedInPage } from '../tests/support/browser.ts';

const url = process.argv[2] ?? 'http://localhost:5173';
const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const browser = await launchBrowser();
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 760 } } as const;

try {
	const poster = await signedInPage(browser, url, 'reception@demo.skinspire.app');
	for (const scheme of ['light', 'dark'] as const) {
		for (const [name, viewport] of Object.entries(sizes)) {
			const ctx = await browser.newContext({ baseURL: url, colorScheme: scheme, viewport });
			const login = await ctx.newPage();
			await login.goto('/login');
			await login.screenshot({ path: path.join(out, `login-${name}-${scheme}.png`), fullPage: true });
			await ctx.close();

			const viewer = await signedInPage(browser, url, 'doctor@demo.skinspire.app', { colorScheme: scheme, viewport });
			await poster.page.getByTestId('notice-message').fill(`Laser room 2 is out of service until 3 pm`);
			await poster.page.getByTestId('notice-on-board').check();
			await poster.page.getByTestId('post-notice').click();
			await viewer.page.getByTestId('toast').first().waitFor();
			await viewer.page.screenshot({ path: path.join(out, `dashboard-${name}-${scheme}.png`), fullPage: true });
			await viewer.context.close();
			// Clear it again so the next screenshot shows one copy, not a pile.
			await poster.page.getByTestId('notice-item').filter({ hasText: 'Laser room 2' }).first().getByTestId('clear-notice').click();
			await poster.page.getByTestId('notice-item').filter({ hasText: 'Laser room 2' }).waitFor({ state: 'detached' });
		}
	}
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
}
