import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDatabase } from '../support/database.ts';
import { freePort, startServer, type TestServer } from '../support/server.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { api, login, type Session } from '../support/clients.ts';

let browser: Browser;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
	await browser?.close();
});

/** A TV: its own browser profile (no session), a big screen. */
async function openTv(server: TestServer): Promise<{ context: BrowserContext; tv: Page }> {
	const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 } });
	cleanup.push(() => context.close());
	const tv = await context.newPage();
	await tv.goto('/board');
	await tv.locator('html[data-hydrated]').waitFor();
	return { context, tv };
}

async function typeCode(tv: Page, code: string) {
	await tv.getByTestId('pairing-code-input').fill(code);
	await tv.getByTestId('pair-submit').click();
	await tv.getByTestId('board-display').waitFor({ timeout: 10_000 });
}

/** Marks the document so a reload (which would wipe the mark) is detectable. */
async function markNoReload(page: Page) {
	await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
	return async () => expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

async function walkIn(server: TestServer, reception: Session, fullName: string): Promise<{ token: string }> {
	const ind = reception.branch('IND').id;
	const phone = `97${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const patient = await api(server, reception)('/api/v1/patients', { method: 'POST', json: { fullName, sex: 'male', phone } });
	expect(patient.status).toBe(201);
	const res = await api(server, reception)(`/api/v1/branches/${ind}/queue`, { method: 'POST', json: { patientId: (await patient.json()).id } });
	expect(res.status).toBe(201);
	return res.json();
}

describe('the TV queue board', () => {
	let server: TestServer;
	let manager: Page;
	let tv: Page;
	let reception: Session;
	let doctor: Session;

	beforeAll(async () => {
		server = await startServer({ databaseUrl: await createDatabase() });
		cleanup.push(() => server.stop());
		[reception, doctor] = await Promise.all([login(server, 'reception@demo.skinspire.app'), login(server, 'doctor@demo.skinspire.app')]);
		({ page: manager } = await signedInPage(browser, server.url, 'manager@demo.skinspire.app'));
	});

	it('a manager pairs a TV from the admin screen with the code it shows', async () => {
		await manager.getByRole('link', { name: 'TV boards' }).click();
		await manager.waitForURL('**/ind/boards');
		await manager.locator('html[data-hydrated]').waitFor();
		await manager.getByTestId('board-name').fill('Waiting room TV');
		await manager.getByTestId('add-board').click();
		const code = (await manager.getByTestId('pairing-code').textContent())!.trim();
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		expect(await manager.getByTestId('pairing-panel').textContent()).toContain(`Open ${server.url}/board on the TV and type this code`);
		const item = manager.getByTestId('board-item').filter({ hasText: 'Waiting room TV' });
		expect(await item.getAttribute('data-state')).toBe('waiting-to-pair');

		({ tv } = await openTv(server));
		// A wrong code is refused with the reason, and what was typed stays.
		await tv.getByTestId('pairing-code-input').fill('ZZZZ-ZZZZ');
		await tv.getByTestId('pair-submit').click();
		await tv.getByTestId('pairing-error').waitFor();
		expect(await tv.getByTestId('pairing-error').textContent()).toContain('This code is unknown, already used or expired');
		expect(await tv.getByTestId('pairing-code-input').inputValue()).toBe('ZZZZ-ZZZZ');

		await typeCode(tv, code);
		expect(await tv.getByTestId('board-branch').textContent()).toBe('Indiranagar');
		await tv.getByTestId('board-calling').getByText('Nobody is being called right now').waitFor();
		// Headings also in the branch's other language.
		expect(await tv.getByTestId('board-calling').locator('h2').textContent()).toContain('अभी बुलाया जा रहा है');

		// The admin screen sees the TV paired, and the code is gone from it.
		await item.and(manager.locator('[data-state="paired"]')).waitFor({ timeout: 10_000 });
		expect(await manager.getByTestId('pairing-code').count()).toBe(0);
	});

	it('a check-in shows on the board within a second as token and initials, never the name; a call shows "token → room" and is announced', async () => {
		const stillSamePage = await markNoReload(tv);
		const name = 'Rajendra Prasad Kulkarni';
		const started = Date.now();
		const entry = await walkIn(server, reception, name);
		const row = tv.locator(`[data-testid="board-next-item"][data-token="${entry.token}"]`);
		await row.waitFor({ timeout: 1000 + (Date.now() - started) });
		expect(await row.textContent()).toContain('R. K.');
		const text = await tv.locator('body').innerText();
		for (const part of [name, 'Rajendra', 'Prasad', 'Kulkarni']) expect(text).not.toContain(part);

		const ind = doctor.branch('IND').id;
		const rooms = (await (await api(server, doctor)(`/api/v1/branches/${ind}/rooms`)).json()).items as { id: string; name: string }[];
		const call = await api(server, doctor)(`/api/v1/branches/${ind}/queue/call-next`, { method: 'POST', json: { roomId: rooms.find((r) => r.name === 'Consult 1')!.id } });
		expect(call.status).toBe(200);
		expect((await call.json()).token).toBe(entry.token);

		const calling = tv.locator(`[data-testid="board-call"][data-token="${entry.token}"]`);
		await calling.waitFor({ timeout: 2000 });
		expect((await calling.innerText()).replace(/\s+/g, ' ')).toBe(`${entry.token} → Consult 1`);
		await tv.locator(`[data-testid="board"][data-last-call="${entry.token} → Consult 1"]`).waitFor({ timeout: 2000 });
		// The newest call flashes, and the patient left the "next" list.
		expect(await calling.getAttribute('class')).toContain('board-flash');
		expect(await tv.locator(`[data-testid="board-next-item"][data-token="${entry.token}"]`).count()).toBe(0);
		expect(await tv.locator('body').innerText()).not.toContain('Kulkarni');
		await stillSamePage();
	});

	it('revoking the TV on the admin screen sends it back to the pairing screen within seconds', async () => {
		const item = manager.getByTestId('board-item').filter({ hasText: 'Waiting room TV' });
		await item.getByTestId('revoke-board').click();
		expect(await item.textContent()).toContain('Revoke “Waiting room TV”?');
		await item.getByTestId('revoke-confirm').click();
		await manager.getByTestId('board-revoked').waitFor();
		await item.and(manager.locator('[data-state="revoked"]')).waitFor();

		await tv.getByTestId('board-pairing').waitFor({ timeout: 5000 });
		await tv.getByTestId('board-unpaired').waitFor();
		expect(await tv.evaluate(() => localStorage.getItem('skinspire-board'))).toBeNull();
	});
});

describe('the board across a server restart', () => {
	it('reconnects by itself and shows what changed, without a reload', async () => {
		const databaseUrl = await createDatabase();
		const port = await freePort();
		const env = { PORT: String(port), ORIGIN: `http://127.0.0.1:${port}` };
		let server = await startServer({ databaseUrl, env });
		cleanup.push(() => server.stop());

		const manager = await login(server, 'manager@demo.skinspire.app');
		const created = await api(server, manager)(`/api/v1/branches/${manager.branch('IND').id}/boards`, { method: 'POST', json: { name: 'Lobby TV' } });
		const { code } = await created.json();
		const { tv } = await openTv(server);
		await typeCode(tv, code);
		const before = await walkIn(server, await login(server, 'reception@demo.skinspire.app'), 'Before Restart Person');
		await tv.locator(`[data-testid="board-next-item"][data-token="${before.token}"]`).waitFor({ timeout: 5000 });
		const stillSamePage = await markNoReload(tv);

		expect(await server.stop()).toBe(0);
		await tv.getByTestId('board-reconnecting').waitFor({ timeout: 5000 });

		server = await startServer({ databaseUrl, env });
		const entry = await walkIn(server, await login(server, 'reception@demo.skinspire.app'), 'After Restart Person');
		// "Within seconds": the restarted server has to come up and the TV to notice (2 cores, busy CI).
		await tv.locator(`[data-testid="board-next-item"][data-token="${entry.token}"]`).waitFor({ timeout: 15_000 });
		await tv.getByTestId('board-reconnecting').waitFor({ state: 'detached', timeout: 5000 });
		expect(await tv.locator('[data-testid="board-next-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-token')))).toEqual([before.token, entry.token]);
		await stillSamePage();
	});
});
