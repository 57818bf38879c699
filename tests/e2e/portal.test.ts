import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';

const env = useBrowserAndServer();

describe('the patient portal in the browser', () => {
	it('reception invites a patient from the chart; the patient sets a password from the mail, sees their record and changes a consent, which the open chart shows at once', async () => {
		const desk = await signedInPage(env.browser, env.server.url, 'doctor@demo.skinspire.app');
		const created = await desk.page.evaluate(async () => {
			const res = await fetch('/api/v1/patients', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fullName: 'Meenakshi Portal', sex: 'female', phone: '9822233344', email: 'meenakshi@example.com', consents: { photography: true } }) });
			return res.json();
		});
		await desk.page.goto(`/ind/patients/${created.id}`);
		await desk.page.getByTestId('portal-invite').click();
		await desk.page.getByTestId('portal-state').filter({ hasText: 'Invited' }).waitFor();

		const patientContext = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 390, height: 844 } });
		const phone = await patientContext.newPage();
		await phone.goto('/dev/mail');
		await phone.getByRole('link', { name: /\/invite\// }).first().click();
		await phone.waitForURL('**/invite/**');
		await phone.getByLabel('New password').fill('sunflowers by the window');
		await phone.getByLabel('Type it again').fill('sunflowers by the window');
		await phone.getByTestId('set-password').click();
		await phone.waitForURL('**/portal');
		expect(await phone.getByTestId('portal-mrn').textContent()).toBe(created.mrn);

		await phone.getByTestId('portal-consent-marketing').check();
		await phone.getByTestId('portal-save').click();
		await phone.getByTestId('portal-saved').waitFor();
		// The chart open at the clinic shows the new consent without a reload.
		await desk.page.getByTestId('changed-by').filter({ hasText: 'Meenakshi Portal' }).waitFor({ timeout: 5000 });

		// Staff pages are not there for a patient.
		const staff = await phone.goto('/ind/patients');
		expect(staff?.status()).toBe(404);
		await patientContext.close();
		await desk.context.close();
	});
});
