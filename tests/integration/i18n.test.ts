import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, waitFor } from '../support/clients.ts';
import { readMail } from '../support/mail.ts';

let server: TestServer;
let dataDir: string;
beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-i18n-'));
	server = await startServer({ databaseUrl: await createDatabase(), env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
	await server?.stop();
});

const DEVANAGARI = /[\u0900-\u097F]/;

describe('language', () => {
	it('a signed-out visitor gets the language their browser asks for, and can switch; the choice is remembered', async () => {
		const hindiBrowser = await fetch(`${server.url}/login`, { headers: { 'accept-language': 'hi-IN,hi;q=0.9' } });
		const html = await hindiBrowser.text();
		expect(html).toContain('<html lang="hi"');
		expect(html).toMatch(DEVANAGARI);

		const english = await (await fetch(`${server.url}/login`, { headers: { 'accept-language': 'fr-FR,en;q=0.5' } })).text();
		expect(english).toContain('<html lang="en"');

		const form = new FormData();
		form.set('language', 'hi');
		form.set('next', '/login?next=%2FIND');
		const switched = await fetch(`${server.url}/language`, { method: 'POST', body: form, headers: { origin: server.url, accept: 'text/html', 'accept-language': 'en' }, redirect: 'manual' });
		expect(switched.status).toBe(303);
		expect(switched.headers.get('location')).toBe('/login?next=%2FIND');
		const cookie = switched.headers.get('set-cookie')!.split(';')[0]!;
		expect(cookie).toBe('skinspire-lang=hi');
		expect(await (await fetch(`${server.url}/login`, { headers: { cookie, 'accept-language': 'en' } })).text()).toContain('<html lang="hi"');
	});

	it('never sends someone to another site after switching', async () => {
		for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
			const form = new FormData();
			form.set('language', 'en');
			form.set('next', next);
			const res = await fetch(`${server.url}/language`, { method: 'POST', body: form, headers: { origin: server.url, accept: 'text/html' }, redirect: 'manual' });
			expect(res.headers.get('location')).toBe('/');
		}
	});

	it('a person who chooses Hindi gets pages, API errors and socket refusals in Hindi on every device', async () => {
		const phone = await login(server, 'doctor@demo.skinspire.app');
		const desk = await login(server, 'doctor@demo.skinspire.app');
		const saved = await api(server, phone)('/api/v1/me/profile', { method: 'PATCH', json: { language: 'hi' } });
		expect(saved.status).toBe(200);
		expect((await saved.json()).language).toBe('hi');

		// Another device, whose browser asks for English: the person's own choice wins.
		const page = await api(server, desk)('/IND', { headers: { 'accept-language': 'en' } });
		const html = await page.text();
		expect(html).toContain('<html lang="hi"');

		const refused = await api(server, desk)(`/api/v1/branches/${desk.branch('IND').id}/notices`, { method: 'POST', json: { message: '' } });
		expect(refused.status).toBe(400);
		const problem = await refused.json();
		expect(problem.title).toBe('कुछ फ़ील्ड ठीक करने होंगे');
		expect(problem.errors.message[0]).toMatch(DEVANAGARI);

		const socket = await connectSocket(server, desk);
		const ack = await socket.emitWithAck('notice:post', { branchId: desk.branch('IND').id, message: 'x'.repeat(300) });
		socket.disconnect();
		expect(ack.ok).toBe(false);
		if (!ack.ok) expect(ack.error.fields?.message?.[0]).toMatch(DEVANAGARI);

		// Back to following the device: the browser's language decides again.
		await api(server, phone)('/api/v1/me/profile', { method: 'PATCH', json: { language: null } });
		expect(await (await api(server, desk)('/IND', { headers: { 'accept-language': 'en' } })).text()).toContain('<html lang="en"');
	});

	it('refuses a language it does not ship, saying what to choose', async () => {
		const doctor = await login(server, 'doctor@demo.skinspire.app');
		const res = await api(server, doctor)('/api/v1/me/profile', { method: 'PATCH', json: { language: 'fr' } });
		expect(res.status).toBe(400);
		expect((await res.json()).errors.language[0]).toBe('Choose English or Hindi, or follow the device');
	});
});

describe('email alerts', () => {
	it('an urgent notice is emailed to staff of that branch who asked for email alerts, each in their language; nobody else', async () => {
		const manager = await login(server, 'manager@demo.skinspire.app');
		const doctor = await login(server, 'doctor@demo.skinspire.app');
		const reception2 = await login(server, 'reception2@demo.skinspire.app');
		await api(server, doctor)('/api/v1/me/profile', { method: 'PATCH', json: { emailAlerts: true, language: 'hi' } });
		await api(server, reception2)('/api/v1/me/profile', { method: 'PATCH', json: { emailAlerts: true } });
		const profile = await (await api(server, doctor)('/api/v1/me/profile')).json();
		expect(profile).toMatchObject({ emailAlerts: true, language: 'hi' });

		const post = (json: object) => api(server, manager)(`/api/v1/branches/${manager.branch('IND').id}/notices`, { method: 'POST', json });
		const ordinary = await post({ message: 'Tea in the staff room' });
		expect((await ordinary.json()).urgent).toBe(false);
		const urgent = await post({ message: 'Laser room 2 is out of order', urgent: true });
		expect(urgent.status).toBe(201);
		expect((await urgent.json()).urgent).toBe(true);

		await waitFor(() => readMail(dataDir).some((m) => m.to === 'doctor@demo.skinspire.app' && m.text.includes('Laser room 2')), 5000, 'the urgent notice email');
		const mails = readMail(dataDir).filter((m) => m.text.includes('Laser room 2') || m.text.includes('Tea in the staff room'));
		// The doctor (IND, opted in) gets it in Hindi; KOR's receptionist (opted in, other branch),
		// the poster and staff who did not opt in get nothing; the ordinary notice is emailed to nobody.
		expect(mails.map((m) => m.to)).toEqual(['doctor@demo.skinspire.app']);
		expect(mails[0]!.subject).toMatch(DEVANAGARI);
		expect(mails[0]!.text).toContain('Vikram Shetty');
	});
});
