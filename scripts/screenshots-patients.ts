// `node scripts/screenshots-patients.ts [url]`: the patient screens (search, registration with a
// duplicate warning, a chart with a second viewer) and the dashboard in Hindi, light and dark, at
// phone and desktop widths, under docs/screenshots/.
import path from 'node:path';
import { launchBrowser, signedInPage } from '../tests/support/browser.ts';

const url = process.argv[2] ?? 'http://localhost:5173';
const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const browser = await launchBrowser();
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 760 } } as const;

try {
	for (const scheme of ['light', 'dark'] as const) {
		for (const [name, viewport] of Object.entries(sizes)) {
			const shot = (page: import('playwright-core').Page, file: string) => page.screenshot({ path: path.join(out, `${file}-${name}-${scheme}.png`), fullPage: true });
			const reception = await signedInPage(browser, url, 'reception@demo.skinspire.app', { colorScheme: scheme, viewport });
			await reception.page.goto('/ind/patients');
			// Typed only once the page is live (hydrated and connected), or the search never starts.
			await reception.page.getByText('Live', { exact: true }).waitFor();
			await reception.page.getByTestId('patient-search').fill('Ananya Shrma');
			await reception.page.getByText('Matching names').waitFor();
			await shot(reception.page, 'patients-search');
			// One word alone with a letter too many: corrected to the name the hospital knows.
			await reception.page.getByTestId('patient-search').fill('Sharmaa');
			await reception.page.getByText('Matching names').waitFor();
			await shot(reception.page, 'patients-search-one-word');

			await reception.page.goto('/ind/patients/new');
			await reception.page.getByText('Live', { exact: true }).waitFor();
			await reception.page.getByTestId('field-fullName').fill('Ananya Sharma');
			await reception.page.getByTestId('field-phone').fill('90000 10000');
			await reception.page.getByTestId('field-dateOfBirth').focus();
			await reception.page.getByTestId('duplicate-warning').waitFor();
			await shot(reception.page, 'patients-register');

			const doctor = await signedInPage(browser, url, 'doctor@demo.skinspire.app', { colorScheme: scheme, viewport });
			await doctor.page.goto('/ind/patients');
			await doctor.page.getByTestId('patient-result').first().click();
			await doctor.page.getByTestId('patient-name').waitFor();
			await reception.page.goto(doctor.page.url());
			await doctor.page.getByTestId('viewers').waitFor();
			await shot(doctor.page, 'patients-chart');
			await shot(reception.page, 'patients-chart-masked');
			await reception.context.close();
			await doctor.context.close();

			const hindi = await browser.newContext({ baseURL: url, colorScheme: scheme, viewport, locale: 'hi-IN', extraHTTPHeaders: { 'accept-language': 'hi-IN,hi' } });
			const login = await hindi.newPage();
			await login.goto('/login');
			await shot(login, 'login-hindi');
			await hindi.close();
		}
	}
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
}
