import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';

const env = useBrowserAndServer();

describe('patients in the browser', () => {
	it('reception registers a patient from the keyboard, is warned of a duplicate, and finds them again by a mistyped name and by phone', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'reception@demo.skinspire.app');
		await page.getByRole('link', { name: 'Patients', exact: true }).click();
		await page.getByTestId('register-patient').click();
		await page.waitForURL('**/ind/patients/new');

		// Keyboard only, in tab order: name, phone, (birth: date), date, sex, email, Enter.
		const started = Date.now();
		await page.keyboard.type('Lakshmi Venkatesh');
		await page.keyboard.press('Tab');
		await page.keyboard.type('98450 12345');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-dateOfBirth');
		await page.keyboard.type('08211979');
		// The date field's calendar button may take a tab stop of its own, depending on the browser.
		for (let i = 0; i < 3 && (await page.evaluate(() => document.activeElement?.id)) !== 'pt-sex'; i++) await page.keyboard.press('Tab');
		await page.keyboard.type('f');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/ind\/patients\/[0-9a-f-]{36}\?registered=1$/);
		expect(Date.now() - started).toBeLessThan(30_000);
		const mrn = (await page.getByTestId('patient-mrn').textContent())!.trim();
		expect(mrn).toMatch(/^IND-\d{6}$/);
		expect(await page.getByTestId('registered').textContent()).toContain(mrn);
		// Reception may not read sensitive data: the phone it typed is masked.
		expect(await page.getByTestId('detail-phone').textContent()).toBe('•••••• 2345');

		// The same phone again: warned before saving, with a way to the existing record.
		await page.goto('/ind/patients/new');
		await page.getByTestId('field-fullName').fill('L Venkatesh');
		await page.getByTestId('field-phone').fill('+91 9845012345');
		await page.getByTestId('field-sex').selectOption('female');
		await page.getByTestId('register-submit').click();
		await page.getByTestId('duplicate-warning').waitFor();
		expect(await page.getByTestId('field-fullName').inputValue()).toBe('L Venkatesh');
		expect(await page.getByTestId('duplicate-warning').textContent()).toContain('Lakshmi Venkatesh');
		await page.getByTestId('open-existing').click();
		await page.waitForURL(/\/ind\/patients\/[0-9a-f-]{36}$/);
		expect((await page.getByTestId('patient-mrn').textContent())!.trim()).toBe(mrn);

		// Bad input: said per field by the server (the browser's own checks switched off, as an old
		// browser would), and what was typed stays.
		await page.goto('/ind/patients/new');
		await page.getByTestId('register-form').evaluate((form) => ((form as HTMLFormElement).noValidate = true));
		await page.getByTestId('field-fullName').fill('Future Baby');
		await page.getByTestId('field-phone').fill('12');
		await page.getByTestId('field-dateOfBirth').fill('2999-01-01');
		await page.getByTestId('field-sex').selectOption('male');
		await page.getByTestId('register-submit').click();
		await page.getByTestId('error-phone').waitFor();
		expect(await page.getByTestId('error-dateOfBirth').textContent()).toContain('cannot be in the future');
		expect(await page.getByTestId('field-fullName').inputValue()).toBe('Future Baby');
		expect(await page.getByTestId('field-phone').inputValue()).toBe('12');

		// Search as you type in the header: a typo, then the phone.
		// "/" outside a field jumps to the search box.
		await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await page.keyboard.press('/');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('global-patient-search');
		await page.keyboard.type('Laksmi Venkatesh');
		await page.getByTestId('patient-search-option').filter({ hasText: 'Lakshmi Venkatesh' }).waitFor();
		await page.locator('#global-patient-search').fill('98450 12345');
		await page.getByTestId('patient-search-option').filter({ hasText: mrn }).waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/ind\/patients\/[0-9a-f-]{36}$/);
		await context.close();
	});

	it('what is typed into the search box before the page has come alive is searched once it has', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'reception@demo.skinspire.app');
		// Hold the page's scripts back, as a slow tablet on clinic Wi-Fi does, while someone types.
		let release!: () => void;
		const released = new Promise<void>((r) => (release = r));
		await page.route('**/_app/immutable/**', async (route) => {
			await released;
			await route.continue();
		});
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/ind/patients', { waitUntil: 'commit' });
		await page.locator('#global-patient-search').waitFor();
		await page.locator('#global-patient-search').pressSequentially('IND-000003');
		release();
		await page.getByTestId('patient-search-option').filter({ hasText: 'IND-000003' }).waitFor();
		expect(await page.locator('#global-patient-search').inputValue()).toBe('IND-000003');

		// The patients page's own box, focused as it opens, the same way.
		await page.keyboard.press('Escape');
		let releaseAgain!: () => void;
		const releasedAgain = new Promise<void>((r) => (releaseAgain = r));
		await page.unroute('**/_app/immutable/**');
		await page.route('**/_app/immutable/**', async (route) => {
			await releasedAgain;
			await route.continue();
		});
		await page.goto('/ind/patients', { waitUntil: 'commit' });
		await page.getByTestId('patient-search').waitFor();
		await page.getByTestId('patient-search').pressSequentially('IND-000004');
		releaseAgain();
		await page.getByTestId('patient-result').filter({ hasText: 'IND-000004' }).waitFor();
		expect(await page.getByTestId('patient-result').count()).toBe(1);
		await page.waitForURL(/[?&]q=IND-000004/);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a change saved on one screen appears on the other at once, and each sees who else is viewing', async () => {
		const doctor = await signedInPage(env.browser, env.server.url, 'doctor@demo.skinspire.app');
		const nurseDesk = await signedInPage(env.browser, env.server.url, 'manager@demo.skinspire.app');
		await doctor.page.goto('/ind/patients');
		await doctor.page.getByTestId('patient-result').first().click();
		await doctor.page.getByTestId('patient-name').waitFor();
		await nurseDesk.page.goto(doctor.page.url());
		await doctor.page.getByTestId('viewers').filter({ hasText: 'Vikram Shetty is viewing' }).waitFor();
		await nurseDesk.page.getByTestId('viewers').filter({ hasText: 'Dr Kavya Rao is viewing' }).waitFor();

		await doctor.page.getByTestId('edit-patient').click();
		await doctor.page.getByTestId('field-fitzpatrickType').selectOption('2');
		await doctor.page.getByTestId('save-patient').click();
		// The saved form closes once the action's answer is applied, which also puts focus back on the page.
		await doctor.page.getByTestId('save-patient').waitFor({ state: 'detached' });
		await nurseDesk.page.getByTestId('detail-fitzpatrick').filter({ hasText: 'Type II' }).waitFor({ timeout: 5000 });
		await nurseDesk.page.getByTestId('changed-by').filter({ hasText: 'Dr Kavya Rao' }).waitFor();

		// From the chart, the doctor opens another patient through the header search: the page shows
		// them, and the desk still on the first chart sees the doctor leave; back again, and return.
		const firstMrn = (await doctor.page.getByTestId('patient-mrn').textContent())!.trim();
		const otherMrn = firstMrn === 'IND-000001' ? 'IND-000002' : 'IND-000001';
		await doctor.page.locator('#global-patient-search').fill(otherMrn);
		await doctor.page.getByTestId('patient-search-option').filter({ hasText: otherMrn }).click();
		await doctor.page.getByTestId('patient-mrn').filter({ hasText: otherMrn }).waitFor();
		await nurseDesk.page.getByTestId('viewers').waitFor({ state: 'detached' });
		await doctor.page.goBack();
		await doctor.page.getByTestId('patient-mrn').filter({ hasText: firstMrn }).waitFor();
		await nurseDesk.page.getByTestId('viewers').filter({ hasText: 'Dr Kavya Rao is viewing' }).waitFor();
		await doctor.page.getByTestId('viewers').filter({ hasText: 'Vikram Shetty is viewing' }).waitFor();

		// Closing the tab as a person does (the page's unload runs), then the whole browser profile.
		await nurseDesk.page.close({ runBeforeUnload: true });
		await nurseDesk.context.close();
		await doctor.page.getByTestId('viewers').waitFor({ state: 'detached', timeout: 5000 });
		await doctor.context.close();
	});
});
