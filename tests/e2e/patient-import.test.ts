import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';

const env = useBrowserAndServer();

/** A legacy export of `n` patients; row 4 of the file (the third patient) has a date no calendar has. */
function legacyCsv(n: number): string {
	const lines = ['Patient ID,Patient Name,DOB,Gender,Mobile No'];
	for (let i = 0; i < n; i++) lines.push([`E2E-${i}`, `Imported E2E Person${i}`, i === 2 ? '31/02/1990' : `0${(i % 9) + 1}/0${(i % 9) + 1}/19${60 + (i % 40)}`, i % 2 ? 'F' : 'M', String(9200000000 + i * 7)].join(','));
	return `${lines.join('\n')}\n`;
}

describe('importing patients in the browser', () => {
	it('a manager uploads a CSV, checks it, sees the bad row, imports the good rows with live progress, and finds an imported patient', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'manager@demo.skinspire.app');
		await page.getByRole('link', { name: 'Patients', exact: true }).click();
		await page.getByTestId('import-patients').click();
		await page.waitForURL('**/ind/patients/import');
		await page.getByTestId('new-import').click();
		await page.waitForURL('**/ind/patients/import/new');

		const rows = 3000;
		await page.getByTestId('field-sourceSystem').fill('OldClinic EMR');
		await page.getByTestId('field-file').setInputFiles({ name: 'old-clinic.csv', mimeType: 'text/csv', buffer: Buffer.from(legacyCsv(rows)) });
		await page.getByTestId('upload-submit').click();
		await page.waitForURL(/\/ind\/patients\/import\/[0-9a-f-]{36}$/);

		// The columns were matched from their names.
		expect(await page.getByTestId('map-0').inputValue()).toBe('sourceId');
		expect(await page.getByTestId('map-1').inputValue()).toBe('fullName');
		expect(await page.getByTestId('map-2').inputValue()).toBe('dateOfBirth');
		expect(await page.getByTestId('map-3').inputValue()).toBe('sex');
		expect(await page.getByTestId('map-4').inputValue()).toBe('phone');

		// The dry run: the bad row is named by its row number, with the column and what is wrong.
		await page.getByTestId('check-submit').click();
		await page.getByTestId('report-summary').waitFor({ timeout: 30_000 });
		expect(await page.getByTestId('report-summary').textContent()).toContain(`${rows.toLocaleString('en-IN')} rows: ${(rows - 1).toLocaleString('en-IN')} ready to import, 1 with errors.`);
		const issue = page.getByTestId('issue');
		expect(await issue.count()).toBe(1);
		expect(await issue.getAttribute('data-row')).toBe('4');
		expect(await issue.textContent()).toContain('DOB');
		expect(await issue.textContent()).toContain('Date not understood');

		// Importing needs the explicit choice to leave the bad row out.
		await page.getByTestId('start-submit').click();
		await page.getByTestId('action-error').waitFor();
		expect(await page.getByTestId('action-error').textContent()).toContain('choose to import only the rows without errors');

		// Record every value the progress bar shows, to see it move live (no reload) up to the end.
		await page.evaluate(() => {
			const seen: number[] = [];
			(window as unknown as { progressSeen: number[] }).progressSeen = seen;
			const note = () => {
				const bar = document.querySelector('[data-testid="progress-bar"]');
				const value = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
				if (!Number.isNaN(value) && seen[seen.length - 1] !== value) seen.push(value);
			};
			new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
		});
		await page.getByTestId('good-rows-only').check();
		await page.getByTestId('start-submit').click();
		await page.getByTestId('progress-bar').and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: 60_000 });
		await page.getByTestId('result').waitFor({ timeout: 30_000 });
		expect(await page.getByTestId('result').textContent()).toContain(`Done: ${(rows - 1).toLocaleString('en-IN')} patients imported, 1 rows skipped (0 imported before, 1 with errors)`);
		expect(await page.getByTestId('import-status').getAttribute('data-status')).toBe('completed');
		const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
		expect(seen.at(-1)).toBe(100);
		expect(seen.some((v) => v > 0 && v < 100), `progress seen: ${seen.join(', ')}`).toBe(true);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);

		// The imported patient is found like anyone registered at the desk.
		await page.getByTestId('go-to-patients').click();
		await page.waitForURL('**/ind/patients');
		await page.getByTestId('patient-search').fill('Imported E2E Person2999');
		await page.getByTestId('patient-result').filter({ hasText: /Imported E2E Person2999(?!\d)/ }).first().click();
		await page.waitForURL(/\/ind\/patients\/[0-9a-f-]{36}$/);
		expect(await page.getByTestId('patient-name').textContent()).toBe('Imported E2E Person2999');
		expect(await page.getByTestId('patient-mrn').textContent()).toMatch(/^IND-\d{6}$/);

		// The import is listed with its outcome.
		await page.goto('/ind/patients/import');
		const item = page.getByTestId('import-item').filter({ hasText: 'old-clinic.csv' });
		expect(await item.getByTestId('import-status').getAttribute('data-status')).toBe('completed');
		await context.close();
	});

	it('works at phone width in dark mode, and offers the export to those who may export', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'manager@demo.skinspire.app', { colorScheme: 'dark', viewport: { width: 390, height: 844 } });
		await page.goto('/ind/patients');
		expect(await page.getByTestId('export-patients').getAttribute('href')).toBe('/api/v1/patients/export.csv');
		const download = page.waitForEvent('download');
		await page.getByTestId('export-patients').click();
		expect((await download).suggestedFilename()).toMatch(/^skinspire-patients-\d{4}-\d{2}-\d{2}\.csv$/);

		await page.goto('/ind/patients/import');
		await page.getByTestId('import-item').first().click();
		await page.getByTestId('progress-bar').waitFor();
		expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
		const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
		expect(await fits()).toBe(true);

		await page.goto('/ind/patients/import/new');
		await page.locator('html[data-hydrated]').waitFor();
		await page.getByTestId('field-sourceSystem').fill('Phone Test');
		await page.getByTestId('field-file').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('ID;Name;Sex\n1;Asha Rao;F\n') });
		await page.getByTestId('upload-submit').click();
		await page.waitForURL(/\/ind\/patients\/import\/[0-9a-f-]{36}$/);
		expect(await page.getByTestId('field-delimiter').inputValue()).toBe('semicolon');
		expect(await fits()).toBe(true);
		const select = await page.getByTestId('map-1').boundingBox();
		expect(select!.x + select!.width).toBeLessThanOrEqual(390);
		await page.getByTestId('discard-import').click();
		await page.getByTestId('result').waitFor();
		expect(await page.getByTestId('import-status').getAttribute('data-status')).toBe('cancelled');
		await context.close();

		// Reception may neither import nor export: no buttons, and the pages are refused.
		const desk = await signedInPage(env.browser, env.server.url, 'reception@demo.skinspire.app');
		await desk.page.goto('/ind/patients');
		expect(await desk.page.getByTestId('import-patients').count()).toBe(0);
		expect(await desk.page.getByTestId('export-patients').count()).toBe(0);
		expect((await desk.page.goto('/ind/patients/import'))!.status()).toBe(403);
		await desk.context.close();
	});
});
