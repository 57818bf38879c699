// `node scripts/screenshots-queue.ts [url]`: reception's queue, the doctor's day, the waiting-room TV,
// the TV pairing screen, the setup pages and the TV boards page, light and dark, at phone and desktop
// widths, under docs/screenshots/. Expects a demo database whose day started with a waiting room in
// use (DEMO_QUEUE=true, the default); it pairs a TV and has Dr Rao call the next patient once.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, signedInPage } from '../tests/support/browser.ts';
import { api, login } from '../tests/support/clients.ts';

const url = process.argv[2] ?? 'http://localhost:5173';
const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const sizes = { desktop: { width: 1280, height: 860 }, phone: { width: 360, height: 780 } } as const;

const manager = await login({ url }, 'manager@demo.skinspire.app');
const doctor = await login({ url }, 'doctor@demo.skinspire.app');
const ind = manager.branch('IND').id;
const rooms = (await (await api({ url }, manager)(`/api/v1/branches/${ind}/rooms`)).json()).items as { id: string; name: string }[];
const consult = rooms.find((r) => r.name === 'Consult 2')!;
// Someone is being called as the pictures are taken.
const queue = (await (await api({ url }, manager)(`/api/v1/branches/${ind}/queue`)).json()).entries as { status: string }[];
if (!queue.some((e) => e.status === 'called')) await api({ url }, doctor)(`/api/v1/branches/${ind}/queue/call-next`, { method: 'POST', json: { roomId: consult.id } });
await api({ url }, manager)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'Dr Kavya Rao is running about 15 minutes late this afternoon.', expiresInMinutes: 120, onBoard: true } });

const browser = await launchBrowser();
try {
	const { code } = await (await api({ url }, manager)(`/api/v1/branches/${ind}/boards`, { method: 'POST', json: { name: 'Waiting room TV' } })).json();
	const tv = await browser.newContext({ baseURL: url, viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
	const board = await tv.newPage();
	await board.goto('/board');
	await board.getByTestId('board-pairing').waitFor();
	await board.screenshot({ path: path.join(out, 'board-pairing-tv.png') });
	await board.getByTestId('pairing-code-input').fill(code);
	await board.getByTestId('pair-submit').click();
	await board.getByTestId('board-display').waitFor();
	const keepSilent = board.getByTestId('sound-off');
	if (await keepSilent.isVisible().catch(() => false)) await keepSilent.click();
	await board.waitForTimeout(500);
	await board.screenshot({ path: path.join(out, 'board-tv.png') });
	await tv.close();

	for (const scheme of ['light', 'dark'] as const) {
		for (const [name, viewport] of Object.entries(sizes)) {
			const shot = (page: Page, file: string) => page.screenshot({ path: path.join(out, `${file}-${name}-${scheme}.png`), fullPage: true });
			const reception = await signedInPage(browser, url, 'reception@demo.skinspire.app', { colorScheme: scheme, viewport });
			await reception.page.goto('/ind/queue');
			await reception.page.getByTestId('waiting-list').waitFor();
			await shot(reception.page, 'queue');
			await reception.context.close();

			const dr = await signedInPage(browser, url, 'doctor@demo.skinspire.app', { colorScheme: scheme, viewport });
			await dr.page.goto('/ind/my-day');
			await dr.page.getByTestId('call-next').waitFor();
			await shot(dr.page, 'my-day');
			await dr.context.close();

			const admin = await signedInPage(browser, url, 'admin@demo.skinspire.app', { colorScheme: scheme, viewport });
			await admin.page.goto('/ind/setup/rooms');
			await admin.page.getByTestId('room-list').waitFor();
			await shot(admin.page, 'setup-rooms');
			await admin.page.goto('/ind/setup/services');
			await admin.page.waitForLoadState('networkidle');
			await shot(admin.page, 'setup-services');
			await admin.page.goto('/ind/boards');
			await admin.page.getByTestId('board-list').waitFor();
			await shot(admin.page, 'boards');
			await admin.context.close();
		}
	}
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
}
