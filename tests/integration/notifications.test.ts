import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let doctor: Session;
let therapist: Session;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	doctor = await login(server, 'doctor@demo.skinspire.app');
	therapist = await login(server, 'therapist@demo.skinspire.app');
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.stop();
});

/** A notification as the queue leaves one when a patient checks in for this person. */
async function leaveNotification(session: Session, token: string, minutesAgo = 0): Promise<string> {
	const [row] = await query<{ id: string }>(
		databaseUrl,
		`insert into user_notification (id, hospital_id, branch_id, user_id, kind, params, link, created_at)
		 values (gen_random_uuid(), $1, $2, $3, 'queue.checked-in', $4::jsonb, '/ind/my-day', now() - make_interval(mins => $5::int)) returning id`,
		[session.me.hospital.id, session.branch('IND').id, session.me.user.id, JSON.stringify({ token, patient: 'Ananya Sharma', waitingFor: 'Dr Kavya Rao' }), minutesAgo]
	);
	return row!.id;
}

const list = (session: Session) => api(server, session)('/api/v1/me/notifications');
const markRead = (session: Session, body?: object) => api(server, session)('/api/v1/me/notifications/read', body ? { method: 'POST', json: body } : { method: 'POST' });

describe('my notifications', () => {
	it('lists mine, newest first, with the unread count; nobody else sees them', async () => {
		const older = await leaveNotification(doctor, 'C-001', 10);
		const newer = await leaveNotification(doctor, 'C-002', 1);
		await leaveNotification(therapist, 'P-001');

		const res = await list(doctor);
		expect(res.status).toBe(200);
		const mine = await res.json();
		expect(mine.unread).toBe(2);
		expect(mine.items.map((n: { id: string }) => n.id)).toEqual([newer, older]);
		expect(mine.items[0]).toMatchObject({ kind: 'queue.checked-in', params: { token: 'C-002', patient: 'Ananya Sharma', waitingFor: 'Dr Kavya Rao' }, link: '/ind/my-day', readAt: null });
		expect(mine.items[0].createdAt).toMatch(/\+00:00$/);

		const theirs = await (await list(therapist)).json();
		expect(theirs.items.map((n: { params: { token: string } }) => n.params.token)).toEqual(['P-001']);
		expect((await api(server)('/api/v1/me/notifications')).status).toBe(401);
	});

	it('marks one read, ignores ids that are not mine, then marks all read', async () => {
		const mine = (await (await list(doctor)).json()).items as { id: string }[];
		const theirs = (await (await list(therapist)).json()).items as { id: string }[];

		const one = await markRead(doctor, { ids: [mine[0]!.id] });
		expect(one.status).toBe(200);
		const afterOne = await one.json();
		expect(afterOne.unread).toBe(1);
		expect(afterOne.items[0].readAt).not.toBeNull();
		expect(afterOne.items[1].readAt).toBeNull();

		// Someone else's id changes nothing for them.
		expect((await markRead(doctor, { ids: [theirs[0]!.id] })).status).toBe(200);
		expect((await (await list(therapist)).json()).unread).toBe(1);

		const all = await (await markRead(doctor)).json();
		expect(all.unread).toBe(0);
		expect(all.items.every((n: { readAt: string | null }) => n.readAt)).toBe(true);
		expect((await (await list(therapist)).json()).unread).toBe(1);
	});

	it('refuses ids that are not notification ids, naming the field', async () => {
		const res = await markRead(doctor, { ids: ['not-a-uuid'] });
		expect(res.status).toBe(400);
		expect((await res.json()).errors).toHaveProperty(['ids.0']);
		expect((await markRead(doctor, { ids: 'all' })).status).toBe(400);
		expect((await markRead(doctor, { everything: true })).status).toBe(400);
	});

	it('a read in one tab reaches my other tabs, and nobody else', async () => {
		const id = await leaveNotification(doctor, 'C-003');
		const otherTab = await connectSocket(server, await login(server, 'doctor@demo.skinspire.app'));
		const someoneElse = await connectSocket(server, therapist);
		sockets.push(otherTab, someoneElse);
		const seen = record(otherTab, 'notification.read');
		const seenElsewhere = record(someoneElse, 'notification.read');
		await markRead(doctor, { ids: [id] });
		await waitFor(() => seen.length === 1, 3000, 'the read to reach the other tab');
		expect(seen[0]!.ids).toEqual([id]);
		// Marking it again changes nothing and says nothing.
		await markRead(doctor, { ids: [id] });
		await sleep(300);
		expect(seen).toHaveLength(1);
		expect(seenElsewhere).toHaveLength(0);
	});

	it('is reachable with an API token, as a mobile app would', async () => {
		const created = await api(server, doctor)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Phone', expiresInDays: 30, permissions: ['appointments:read'] } });
		expect(created.status).toBe(201);
		const { token } = await created.json();
		const res = await fetch(`${server.url}/api/v1/me/notifications`, { headers: { authorization: `Bearer ${token}` } });
		expect(res.status).toBe(200);
		expect((await res.json()).items.length).toBeGreaterThan(0);
	});
});
