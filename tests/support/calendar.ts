import type { Page } from 'playwright-core';

/** A weekday at least `aheadDays` ahead on Indiranagar's calendar (Dr Rao works Monday to Friday there). */
export function nextWeekday(aheadDays: number): string {
	for (let i = aheadDays; ; i++) {
		const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(Date.now() + i * 86_400_000);
		const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
		if (weekday >= 1 && weekday <= 5) return date;
	}
}

/** Where a time-of-day row of the calendar is now (its lane row, not the time axis label). */
export async function rowY(page: Page, time: string): Promise<number> {
	return page.evaluate((t) => {
		const rows = [...document.querySelectorAll<HTMLElement>(`[data-testid="calendar"] [data-time="${t}:00"]`)];
		const r = rows.sort((a, b) => b.offsetWidth - a.offsetWidth)[0]!.getBoundingClientRect();
		return r.top + r.height / 2;
	}, time);
}

/**
 * Scroll the calendar with the mouse wheel, as a person would, until a time of day is in the
 * middle (scrolling it from code puts the time axis out of step with the grid).
 */
export async function scrollTo(page: Page, time: string): Promise<void> {
	await page.getByTestId('calendar').scrollIntoViewIfNeeded();
	const box = (await page.getByTestId('calendar').boundingBox())!;
	const middle = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width / 2, middle);
	for (let i = 0; i < 8; i++) {
		const delta = (await rowY(page, time)) - middle;
		if (Math.abs(delta) < 24) return;
		await page.mouse.wheel(0, delta);
		await page.waitForTimeout(120);
	}
}
