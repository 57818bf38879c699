import { describe, expect, it } from 'vitest';
import { useBrowserAndServer } from '../support/fixtures.ts';
import { signedInPage } from '../support/browser.ts';
import { nextWeekday, rowY, scrollTo } from '../support/calendar.ts';

/**
 * The branch manager sets up a room through the setup screens and takes it out of service; the
 * room calendar then shows it shaded with the reason, and the closed hours shaded too.
 */
const fixture = useBrowserAndServer();

describe('setup screens', () => {
	it('a manager adds a room, takes it out of service with a reason, and the calendar shades it', async () => {
		const { context, page } = await signedInPage(fixture.browser, fixture.server.url, 'manager@demo.skinspire.app');
		await page.getByRole('link', { name: 'Setup', exact: true }).click();
		await page.waitForURL('**/ind/setup/services');
		await page.getByTestId('services-read-only').waitFor();
		await page.getByTestId('setup-tab-rooms').click();
		await page.waitForURL('**/ind/setup/rooms');
		await page.locator('html[data-hydrated]').waitFor();

		// A mistake first: no name. The field says so, and the kind typed is still there.
		const form = page.getByTestId('new-room-form');
		await form.getByLabel('Kind').fill('consult');
		await form.getByTestId('new-room-submit').click();
		await expect.poll(() => form.locator('.field-error').first().textContent()).toBe('Give it a name');
		expect(await form.getByLabel('Kind').inputValue()).toBe('consult');
		expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

		await form.getByLabel('Name').fill('Consult 9');
		await form.getByTestId('new-room-submit').click();
		const card = page.locator('[data-testid="room-card"][data-room-name="Consult 9"]');
		await card.waitFor();
		const roomId = (await card.getAttribute('data-room-id'))!;

		await card.getByTestId('room-out-open').click();
		await card.getByLabel('Reason (shown on the calendar)').fill('Ceiling leak');
		await card.getByTestId('room-out-submit').click();
		await card.getByTestId('out-of-service-badge').waitFor();
		expect(await card.getByTestId('room-reason').textContent()).toBe('Reason: Ceiling leak');
		await page.getByTestId('room-out-done').waitFor();

		// The room calendar of a working day: the new room's column is shaded, its reason on it.
		await page.goto(`/ind/calendar?date=${nextWeekday(1)}`);
		await page.locator('[data-testid="calendar"][data-loading="false"]').waitFor();
		if ((await page.getByTestId('calendar').getAttribute('data-columns')) !== 'rooms') await page.getByTestId('columns-rooms').click();
		const shaded = page.locator(`[data-testid="calendar-out-of-service"][data-resource-id="${roomId}"]`);
		await shaded.first().waitFor();
		expect(await shaded.first().getAttribute('title')).toBe('Out of service: Ceiling leak');
		// Only that room: the demo rooms are in service.
		expect(await page.locator('[data-testid="calendar-out-of-service"]').count()).toBe(await shaded.count());
		// Before 09:00 the branch is closed: shaded in every column; during opening hours it is not.
		await scrollTo(page, '08:30');
		const shadedAt = (time: string) =>
			rowY(page, time).then((y) =>
				page.evaluate((y) => [...document.querySelectorAll('[data-testid="calendar"] .sk-closed')].filter((el) => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top <= y && y <= r.bottom; }).length, y)
			);
		expect(await shadedAt('08:30')).toBeGreaterThanOrEqual(6);
		expect(await shadedAt('10:00')).toBe(0);
		await context.close();
	});
});
