import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let manager: Session;
let admin: Session;
let reception: Session;
let reception2: Session;
let doctor: Session;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	const as = (who: string) => login(server, `${who}@demo.skinspire.app`);
	[manager, admin, reception, reception2, doctor] = await Promise.all([as('manager'), as('admin'), as('reception'), as('reception2'), as('doctor')]);
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.stop();
});

/** Add a board at a branch as `who`: the device and its one-time code. */
async function addBoard(who: Session, branchId: string, name = 'Waiting room TV'): Promise<{ device: { id: string; state: string }; code: string }> {
	const res = await api(server, who)(`/api/v1/branches/${branchId}/boards`, { method: 'POST', json: { name } });
	expect(res.status).toBe(201);
	return res.json();
}

/** The TV's side of pairing: no session, no cookie. */
function pair(code: string) {
	return api(server)('/api/v1/board/pair', { method: 'POST', json: { code } });
}

async function pairedBoard(who: Session, branchId: string): Promise<{ token: string; deviceId: string }> {
	const { code } = await addBoard(who, branchId);
	const res = await pair(code);
	expect(res.status).toBe(200);
	return res.json();
}

/** A socket like the TV's: the device token in the handshake's `auth`, no cookie. */
function boardSocket(token: string): Promise<TestSocket> {
	const socket: TestSocket = io(server.url, { transports: ['websocket'], extraHeaders: { origin: server.url }, auth: { boardToken: token }, reconnection: false, forceNew: true });
	sockets.push(socket);
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (err) => reject(err));
	});
}

async function newPatient(fullName: string): Promise<string> {
	const phone = `98${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const res = await api(server, reception)('/api/v1/patients', { method: 'POST', json: { fullName, sex: 'female', phone } });
	expect(res.status).toBe(201);
	return (await res.json()).id;
}

describe('pairing a waiting-room TV', () => {
	it('a pairing code works once; the token then opens the board of its branch', async () => {
		const ind = manager.branch('IND').id;
		const { device, code } = await addBoard(manager, ind, 'Lobby TV');
		expect(device.state).toBe('waiting-to-pair');
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

		// Typed on a remote: lower case and without the dash still counts.
		const first = await pair(code.toLowerCase().replace('-', ' '));
		expect(first.status).toBe(200);
		const pairing = await first.json();
		expect(pairing.token).toMatch(/^ssb_/);
		expect(pairing.branch).toMatchObject({ id: ind, name: 'Indiranagar' });

		const again = await pair(code);
		expect(again.status).toBe(400);
		expect((await again.json()).errors.code).toEqual(['This code is unknown, already used or expired. Ask an admin for a fresh code.']);

		const board = await api(server)('/api/v1/board', { headers: { 'x-board-token': pairing.token } });
		expect(board.status).toBe(200);
		const state = await board.json();
		expect(state.branch).toMatchObject({ id: ind, name: 'Indiranagar', languages: ['en', 'hi'] });

		const list = await (await api(server, manager)(`/api/v1/branches/${ind}/boards`)).json();
		expect(list.items.find((b: { id: string }) => b.id === device.id)).toMatchObject({ state: 'paired', name: 'Lobby TV' });
	});

	it('an expired or unknown code answers 400 with a field error', async () => {
		const ind = manager.branch('IND').id;
		const { device, code } = await addBoard(manager, ind);
		await query(databaseUrl, `update board_device set pairing_expires_at = now() - interval '1 minute' where id = $1`, [device.id]);
		for (const attempt of [code, 'ZZZZ-ZZZZ']) {
			const res = await pair(attempt);
			expect(res.status).toBe(400);
			const problem = await res.json();
			expect(problem.code).toBe('VALIDATION_FAILED');
			expect(problem.errors.code).toHaveLength(1);
		}
		const tooShort = await pair('AB');
		expect(tooShort.status).toBe(400);
		expect((await tooShort.json()).errors.code).toBeDefined();

		// A fresh code for the same TV works.
		const renewed = await api(server, manager)(`/api/v1/boards/${device.id}/code`, { method: 'POST' });
		expect(renewed.status).toBe(200);
		expect((await pair((await renewed.json()).code)).status).toBe(200);
	});
});

describe('what a device token opens', () => {
	it('the board, and nothing else: as a Bearer token on any other API it is refused', async () => {
		const ind = manager.branch('IND').id;
		const { token } = await pairedBoard(manager, ind);
		for (const path of ['/api/v1/me', `/api/v1/branches/${ind}/queue`, '/api/v1/patients', `/api/v1/branches/${ind}/boards`, '/api/v1/board']) {
			const res = await api(server)(path, { headers: { authorization: `Bearer ${token}` } });
			expect(res.status, path).toBe(401);
		}
		// Nor does the board header stand in for a session.
		expect((await api(server)('/api/v1/me', { headers: { 'x-board-token': token } })).status).toBe(401);
		expect((await api(server)(`/api/v1/branches/${ind}/queue`, { headers: { 'x-board-token': token } })).status).toBe(401);
		const checkIn = await api(server)(`/api/v1/branches/${ind}/queue`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, json: { patientId: '00000000-0000-4000-8000-000000000000' } });
		expect(checkIn.status).toBe(401);
		// As an API token in a socket handshake it is refused too.
		const asApiToken = io(server.url, { transports: ['websocket'], extraHeaders: { origin: server.url }, auth: { token }, reconnection: false, forceNew: true });
		sockets.push(asApiToken);
		const handshake = new Promise<void>((resolve, reject) => {
			asApiToken.once('connect', () => resolve());
			asApiToken.once('connect_error', reject);
		});
		await expect(handshake).rejects.toThrow('UNAUTHENTICATED');
	});

	it('GET /api/v1/board without a token or with a bad one answers 401', async () => {
		expect((await api(server)('/api/v1/board')).status).toBe(401);
		expect((await api(server)('/api/v1/board', { headers: { 'x-board-token': 'ssb_not-a-real-token' } })).status).toBe(401);
		expect((await api(server)('/api/v1/board', { headers: { 'x-board-token': 'whatever' } })).status).toBe(401);
		// A staff session is not a board either.
		expect((await api(server, manager)('/api/v1/board')).status).toBe(401);
		await expect(boardSocket('ssb_not-a-real-token')).rejects.toThrow('UNAUTHENTICATED');
	});

	it('a revoked board is refused at once and its open socket is closed', async () => {
		const ind = manager.branch('IND').id;
		const { token, deviceId } = await pairedBoard(manager, ind);
		const socket = await boardSocket(token);
		const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		const res = await api(server, manager)(`/api/v1/boards/${deviceId}`, { method: 'DELETE' });
		expect(res.status).toBe(200);
		expect((await res.json()).state).toBe('revoked');
		expect((await api(server)('/api/v1/board', { headers: { 'x-board-token': token } })).status).toBe(401);
		expect(await Promise.race([closed, sleep(3000).then(() => 'still open')])).toBe('io server disconnect');
		await expect(boardSocket(token)).rejects.toThrow('UNAUTHENTICATED');
	});

	it('staff without boards:manage cannot add or revoke boards', async () => {
		const ind = reception.branch('IND').id;
		expect((await api(server, reception)(`/api/v1/branches/${ind}/boards`, { method: 'POST', json: { name: 'Sneaky TV' } })).status).toBe(403);
		const { device } = await addBoard(manager, ind);
		expect((await api(server, reception)(`/api/v1/boards/${device.id}`, { method: 'DELETE' })).status).toBe(403);
		// Koramangala's reception cannot even see that Indiranagar board.
		expect([403, 404]).toContain((await api(server, reception2)(`/api/v1/boards/${device.id}`, { method: 'DELETE' })).status);
	});
});

describe('live board updates', () => {
	it('a board at Indiranagar receives board.updated on check-in and on a call, without the patient’s name; a Koramangala board receives nothing', async () => {
		const ind = manager.branch('IND').id;
		const kor = admin.branch('KOR').id;
		const indBoard = await boardSocket((await pairedBoard(manager, ind)).token);
		const korBoard = await boardSocket((await pairedBoard(admin, kor)).token);
		// A board listens only: it has no commands.
		await expect(indBoard.timeout(500).emitWithAck('notice:post', { branchId: ind, message: 'From the TV' } as never)).rejects.toThrow();

		const seen = record(indBoard, 'board.updated');
		const korSeen = record(korBoard, 'board.updated');
		const name = 'Meenakshi Venkataraman-Iyer';
		const patientId = await newPatient(name);

		const checkIn = await api(server, reception)(`/api/v1/branches/${ind}/queue`, { method: 'POST', json: { patientId } });
		expect(checkIn.status).toBe(201);
		const entry = await checkIn.json();
		await waitFor(() => seen.some((e) => e.state.next.some((n) => n.token === entry.token)), 3000, 'the check-in on the IND board');
		const onCheckIn = seen.find((e) => e.state.next.some((n) => n.token === entry.token))!;
		expect(onCheckIn.call).toBeNull();
		expect(onCheckIn.state.next.find((n) => n.token === entry.token)!.initials).toBe('M. V.');
		expect(JSON.stringify(onCheckIn)).not.toContain('Meenakshi');
		expect(JSON.stringify(onCheckIn)).not.toContain('Venkataraman');

		const rooms = (await (await api(server, doctor)(`/api/v1/branches/${ind}/rooms`)).json()).items as { id: string; name: string }[];
		const consult1 = rooms.find((r) => r.name === 'Consult 1')!;
		const call = await api(server, doctor)(`/api/v1/branches/${ind}/queue/call-next`, { method: 'POST', json: { roomId: consult1.id } });
		expect(call.status).toBe(200);
		const called = await call.json();
		expect(called.token).toBe(entry.token);
		await waitFor(() => seen.some((e) => e.call?.token === entry.token), 3000, 'the call on the IND board');
		const onCall = seen.find((e) => e.call?.token === entry.token)!;
		expect(onCall.call).toEqual({ token: entry.token, room: 'Consult 1' });
		expect(onCall.state.calling[0]).toMatchObject({ token: entry.token, room: 'Consult 1', initials: 'M. V.' });
		expect(onCall.state.seq).toBeGreaterThan(onCheckIn.state.seq);
		for (const event of seen) expect(JSON.stringify(event)).not.toMatch(/Meenakshi|Venkataraman/);

		await sleep(500);
		expect(korSeen).toHaveLength(0);
	});

	it('notices posted for the waiting room reach the board, urgent ones marked; staff notices and their clearing never do', async () => {
		const ind = manager.branch('IND').id;
		const paired = await pairedBoard(manager, ind);
		const board = await boardSocket(paired.token);
		const seen = record(board, 'board.updated');
		const post = (json: object) => api(server, manager)(`/api/v1/branches/${ind}/notices`, { method: 'POST', json });

		// A notice for staff only (the default): every staff screen gets it, the TV nothing at all.
		const staffOnly = await post({ message: 'Cash drawer short by 500, see Priya', urgent: true });
		expect(staffOnly.status).toBe(201);
		expect((await staffOnly.json()).onBoard).toBe(false);
		const forTheRoom = await post({ message: 'The lift is out of order', urgent: true, onBoard: true });
		expect(forTheRoom.status).toBe(201);
		expect((await forTheRoom.json()).onBoard).toBe(true);
		await waitFor(() => seen.some((e) => e.state.notices.some((n) => n.message === 'The lift is out of order')), 3000, 'the notice on the board');
		expect(seen.at(-1)!.state.notices.find((n) => n.message === 'The lift is out of order')!.urgent).toBe(true);

		// Clearing the staff notice tells the TV nothing; what the TV fetches never had it either.
		const before = seen.length;
		const id = (await (await api(server, manager)(`/api/v1/branches/${ind}/notices`)).json()).notices.find((n: { message: string }) => n.message.startsWith('Cash drawer')).id;
		expect((await api(server, manager)(`/api/v1/branches/${ind}/notices/${id}`, { method: 'DELETE' })).status).toBe(200);
		await sleep(500);
		expect(seen.length).toBe(before);
		const fetched = await (await api(server)('/api/v1/board', { headers: { 'x-board-token': paired.token } })).json();
		expect(fetched.notices.map((n: { message: string }) => n.message)).toEqual(['The lift is out of order']);
		for (const event of seen) expect(JSON.stringify(event)).not.toContain('Cash drawer');

		// A notice that is not true or false for the TV is refused, naming the field.
		const refused = await post({ message: 'Hello', onBoard: 'yes' });
		expect(refused.status).toBe(400);
		expect((await refused.json()).errors.onBoard).toBeTruthy();
	});
});
