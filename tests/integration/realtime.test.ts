import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let reception: Session;
let doctor: Session;
let reception2: Session;
let admin: Session;
const sockets: TestSocket[] = [];

async function open(session: Session | null, options?: { origin?: string }) {
	const s = await connectSocket(server, session, options);
	sockets.push(s);
	return s;
}

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	[reception, doctor, reception2, admin] = await Promise.all([
		login(server, 'reception@demo.skinspire.app'),
		login(server, 'doctor@demo.skinspire.app'),
		login(server, 'reception2@demo.skinspire.app'),
		login(server, 'admin@demo.skinspire.app')
	]);
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.stop();
});

describe('branch rooms', () => {
	it('delivers a posted notice to every screen of the branch and to no other branch', async () => {
		const [receptionTab, doctorTab, korTab, adminTab] = await Promise.all([open(reception), open(doctor), open(reception2), open(admin)]);
		const got = { reception: record(receptionTab, 'notice.posted'), doctor: record(doctorTab, 'notice.posted'), kor: record(korTab, 'notice.posted'), admin: record(adminTab, 'notice.posted') };
		const ind = reception.branch('IND').id;
		const res = await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'Dr Rao is running 20 minutes late' } });
		const notice = await res.json();
		await waitFor(() => got.reception.length === 1 && got.doctor.length === 1 && got.admin.length === 1, 3000, 'delivery to Indiranagar');
		expect(got.doctor[0]).toEqual({ notice: { ...notice, dismissed: false }, version: 1 });
		// Give a wrong delivery every chance to arrive before asserting it did not.
		await sleep(500);
		expect(got.kor).toHaveLength(0);
	});

	it('broadcasts nothing when the write fails', async () => {
		const [doctorTab, korTab] = await Promise.all([open(doctor), open(reception2)]);
		const doctorSeen = record(doctorTab, 'notice.posted');
		const korSeen = record(korTab, 'notice.posted');
		const ind = reception.branch('IND').id;
		const bad = await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'x'.repeat(281) } });
		expect(bad.status).toBe(400);
		const kor = reception2.branch('KOR').id;
		expect((await api(server, reception)(`/api/v1/branches/${kor}/notices`, { method: 'POST', json: { message: 'wrong branch' } })).status).toBe(404);
		await sleep(700);
		expect(doctorSeen).toHaveLength(0);
		expect(korSeen).toHaveLength(0);
	});

	it('announces a clear to the branch, and a dismissal only to the dismissing user', async () => {
		const ind = reception.branch('IND').id;
		const [receptionTab, doctorTab, doctorSecondTab] = await Promise.all([open(reception), open(doctor), open(doctor)]);
		const cleared = record(receptionTab, 'notice.cleared');
		const dismissedForReception = record(receptionTab, 'notice.dismissed');
		const dismissedForDoctor = record(doctorSecondTab, 'notice.dismissed');
		const doctorCleared = record(doctorTab, 'notice.cleared');
		const a = await (await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'to dismiss' } })).json();
		await api(server, doctor)(`/api/v1/branches/${ind}/notices/${a.id}/dismissal`, { method: 'PUT' });
		await waitFor(() => dismissedForDoctor.length === 1, 3000, 'dismissal on the doctor’s other tab');
		expect(dismissedForDoctor[0]).toEqual({ noticeId: a.id, branchId: ind });
		await api(server, reception)(`/api/v1/branches/${ind}/notices/${a.id}`, { method: 'DELETE' });
		await waitFor(() => cleared.length === 1 && doctorCleared.length === 1, 3000, 'clear delivered');
		expect(cleared[0]!.version).toBe(2);
		expect(cleared[0]!.notice.clearedAt).not.toBeNull();
		expect(dismissedForReception).toHaveLength(0);
	});

	it('acknowledges a socket command with the result, and broadcasts only on success', async () => {
		const ind = reception.branch('IND').id;
		const [tab, watcher] = await Promise.all([open(reception), open(doctor)]);
		const seen = record(watcher, 'notice.posted');
		const bad = await tab.emitWithAck('notice:post', { branchId: ind, message: '' });
		expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { message: [expect.any(String)] } } });
		const foreign = await tab.emitWithAck('notice:post', { branchId: reception2.branch('KOR').id, message: 'nope' });
		expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
		await sleep(300);
		expect(seen).toHaveLength(0);
		const good = await tab.emitWithAck('notice:post', { branchId: ind, message: 'Posted over the socket' });
		expect(good).toMatchObject({ ok: true, data: { message: 'Posted over the socket' } });
		await waitFor(() => seen.length === 1, 3000, 'broadcast after the ack');
	});
});

describe('handshake', () => {
	it('refuses a socket without a valid session', async () => {
		await expect(open(null)).rejects.toThrow(/UNAUTHENTICATED/);
		await expect(open({ cookie: 'skinspire_session=aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb' } as Session)).rejects.toThrow(/UNAUTHENTICATED/);
	});

	it('refuses a socket from a foreign Origin even with a valid session', async () => {
		await expect(open(reception, { origin: 'https://evil.example' })).rejects.toThrow();
	});

	it('disconnects the sockets of a session within 2 seconds of sign-out, and only those', async () => {
		const leaving = await login(server, 'pharmacist@demo.skinspire.app');
		const [a, b, other] = await Promise.all([open(leaving), open(leaving), open(reception)]);
		const t0 = Date.now();
		expect((await api(server, leaving)('/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
		await waitFor(() => !a.connected && !b.connected, 2000, 'sockets of the ended session to close');
		expect(Date.now() - t0).toBeLessThan(2000);
		expect(other.connected).toBe(true);
	});

	it('disconnects a socket within 2 seconds of its session going idle past the timeout', async () => {
		const idle = await login(server, 'accountant@demo.skinspire.app');
		const socket = await open(idle);
		const t0 = Date.now();
		await query(databaseUrl, "update session s set last_active_at = now() - interval '31 minutes' from app_user u where u.id = s.user_id and u.email = 'accountant@demo.skinspire.app'");
		await waitFor(() => !socket.connected, 2500, 'the idle session’s socket to close');
		expect(Date.now() - t0).toBeLessThan(2500);
		expect((await api(server, idle)('/api/v1/me')).status).toBe(401);
	});

	it('disconnects a deactivated user at once and refuses their next request', async () => {
		const leaving = await login(server, 'manager@demo.skinspire.app');
		const socket = await open(leaving);
		await query(databaseUrl, "update app_user set active = false where email = 'manager@demo.skinspire.app'");
		await waitFor(() => !socket.connected, 2500, 'the deactivated user’s socket to close');
		expect((await api(server, leaving)('/api/v1/me')).status).toBe(401);
		await query(databaseUrl, "update app_user set active = true where email = 'manager@demo.skinspire.app'");
	});

	it('refuses the long-polling transport from another site too', async () => {
		const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: reception.cookie, 'sec-fetch-site': 'cross-site' } });
		expect(res.status).toBe(403);
		const ok = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: reception.cookie, 'sec-fetch-site': 'same-origin' } });
		expect(ok.status).toBe(200);
	});
});

describe('role changes', () => {
	it('move a user’s open sockets out of and into branch rooms within 2 seconds', async () => {
		const pharmacist = await login(server, 'pharmacist@demo.skinspire.app');
		const socket = await open(pharmacist);
		const seen = record(socket, 'notice.posted');
		const ind = reception.branch('IND').id;
		const kor = reception2.branch('KOR').id;
		// Move the pharmacist from Indiranagar to Koramangala.
		await query(databaseUrl, "update role_assignment set branch_id = $1 where user_id = (select id from app_user where email = 'pharmacist@demo.skinspire.app')", [kor]);
		await sleep(2000);
		await api(server, reception)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json: { message: 'for Indiranagar only' } });
		await api(server, reception2)(`/api/v1/branches/${kor}/notices`, { method: 'POST', json: { message: 'for Koramangala only' } });
		await waitFor(() => seen.length >= 1, 3000, 'the Koramangala notice');
		await sleep(300);
		expect(seen.map((e) => e.notice.message)).toEqual(['for Koramangala only']);
		// The next request sees the change too.
		expect((await api(server, pharmacist)(`/api/v1/branches/${ind}/notices`)).status).toBe(404);
		expect((await api(server, pharmacist)(`/api/v1/branches/${kor}/notices`)).status).toBe(200);
	});
});
