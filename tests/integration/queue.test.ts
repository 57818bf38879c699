import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';
import type { QueueEntryDto, QueueSnapshot } from '../../src/lib/shared/queue/queue.schema.ts';
import type { AppointmentDto } from '../../src/lib/shared/scheduling/appointment.schema.ts';
import { todaysAppointments } from '../support/queue.ts';

/**
 * The waiting queue through the real API: tokens, check-in rules, priority, reordering, calling,
 * expected waits, live events per branch, and who may do what.
 */
let server: TestServer;
let databaseUrl: string;
let reception: Session;
let doctor: Session;
let therapist: Session;
let admin: Session;
let ind: string;
let kor: string;
let rooms: Record<string, string>;
let services: Record<string, string>;
/** Today's appointments with Dr Rao, still booked. */
let appointments: AppointmentDto[];
/** Patients without an appointment today, for walk-ins. */
let walkIns: string[];
const sockets: TestSocket[] = [];

const as = (session: Session) => api(server, session);
const checkIn = (body: object, session = reception, headers: Record<string, string> = {}) => as(session)(`/api/v1/branches/${ind}/queue`, { method: 'POST', json: body, headers });
const queueOf = async (branchId = ind, session = reception) => (await (await as(session)(`/api/v1/branches/${branchId}/queue`)).json()) as QueueSnapshot;
const waiting = async () => (await queueOf()).entries.filter((e) => e.status === 'waiting');
const entryIn = async (id: string) => (await queueOf()).entries.find((e) => e.id === id)!;
const callNext = (session: Session, roomId: string) => as(session)(`/api/v1/branches/${ind}/queue/call-next`, { method: 'POST', json: { roomId } });
const setStatus = (session: Session, entry: Pick<QueueEntryDto, 'id' | 'version'>, status: string) => as(session)(`/api/v1/queue/${entry.id}/status`, { method: 'POST', json: { status, version: entry.version } });
let nextWalkIn = 0;
const walkIn = () => walkIns[nextWalkIn++]!;

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	const signIn = (who: string) => login(server, `${who}@demo.skinspire.app`);
	[reception, doctor, therapist, admin] = await Promise.all([signIn('reception'), signIn('doctor'), signIn('therapist'), signIn('admin')]);
	ind = reception.branch('IND').id;
	kor = admin.branch('KOR').id;
	rooms = Object.fromEntries((await (await as(reception)(`/api/v1/branches/${ind}/rooms`)).json()).items.map((r: { name: string; id: string }) => [r.name, r.id]));
	services = Object.fromEntries((await (await as(reception)(`/api/v1/branches/${ind}/services`)).json()).items.map((s: { name: string; id: string }) => [s.name, s.id]));
	appointments = await todaysAppointments(server, databaseUrl, doctor, ind);
	const expected = new Set(appointments.map((a) => a.patient.id));
	walkIns = ((await (await as(reception)('/api/v1/patients?pageSize=100')).json()).items as { id: string }[]).map((p) => p.id).filter((id) => !expected.has(id));
});

afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.stop();
});

describe('calling with nobody there', () => {
	it('call-next with nobody waiting answers 404 and changes nothing', async () => {
		const res = await callNext(doctor, rooms['Consult 1']!);
		expect(res.status).toBe(404);
		expect((await res.json()).detail).toBe('Nobody is waiting for you right now.');
		expect((await queueOf()).entries).toEqual([]);
	});
});

describe('check-in', () => {
	it('issues tokens per prefix and day that count up, and moves the appointment to checked in', async () => {
		// Yesterday's numbers do not carry over.
		await query(databaseUrl, "insert into queue_token_counter (branch_id, day, prefix, last) values ($1, current_date - 30, 'C', 41)", [ind]);
		const first = await checkIn({ patientId: walkIn() });
		expect(first.status).toBe(201);
		expect(await first.json()).toMatchObject({ token: 'C-001', status: 'waiting', place: 1, practitioner: null });

		const appointment = appointments[0]!;
		const second = await checkIn({ patientId: appointment.patient.id, appointmentId: appointment.id });
		expect(second.status).toBe(201);
		const entry = (await second.json()) as QueueEntryDto;
		expect(entry).toMatchObject({ token: 'C-002', place: 2, appointmentId: appointment.id, practitioner: { id: doctor.me.user.id }, service: { category: 'consultation' } });
		const [row] = await query<{ status: string }>(databaseUrl, 'select status from appointment where id = $1', [appointment.id]);
		expect(row!.status).toBe('checked-in');

		const laser = await checkIn({ patientId: walkIn(), serviceId: services['Laser hair removal (underarms)'] });
		expect((await laser.json()).token).toBe('P-001');
		const another = await checkIn({ patientId: walkIn() });
		expect((await another.json()).token).toBe('C-003');
		expect((await waiting()).map((e) => e.token)).toEqual(['C-001', 'C-002', 'P-001', 'C-003']);
	});

	it('refuses a second check-in of the same appointment (422 naming the appointment), and a patient already in line', async () => {
		const appointment = appointments[0]!;
		const again = await checkIn({ patientId: appointment.patient.id, appointmentId: appointment.id });
		expect(again.status).toBe(422);
		const problem = await again.json();
		expect(problem.errors.appointmentId).toEqual(['This appointment is already checked in.']);
		expect(problem.token).toBe('C-002');

		const [waitingPatient] = await waiting();
		const twice = await checkIn({ patientId: waitingPatient!.patient.id });
		expect(twice.status).toBe(422);
		expect((await twice.json()).errors.patientId).toEqual(["This patient is already in today's queue."]);
		expect((await queueOf()).entries).toHaveLength(4);
	});

	it('a retry with the same Idempotency-Key gets the same token; the key with another body is refused', async () => {
		const body = { patientId: walkIn() };
		const key = { 'idempotency-key': 'front-desk-retry-1' };
		const first = await checkIn(body, reception, key);
		const retry = await checkIn(body, reception, key);
		expect(first.status).toBe(201);
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		const [a, b] = [await first.json(), await retry.json()];
		expect(b.token).toBe(a.token);
		expect(b.id).toBe(a.id);
		expect((await checkIn({ patientId: walkIn() }, reception, key)).status).toBe(422);
		const rows = await query(databaseUrl, 'select id from queue_entry where patient_id = $1', [body.patientId]);
		expect(rows).toHaveLength(1);
	});
});

describe('priority and order', () => {
	it('priority needs a reason (400 naming it) and puts the patient ahead of everyone without it', async () => {
		const patientId = walkIn();
		const bare = await checkIn({ patientId, priority: true });
		expect(bare.status).toBe(400);
		expect(Object.keys((await bare.json()).errors)).toEqual(['priorityReason']);

		const res = await checkIn({ patientId, priority: true, priorityReason: 'Pregnant, 32 weeks' });
		expect(res.status).toBe(201);
		const urgent = (await res.json()) as QueueEntryDto;
		expect(urgent).toMatchObject({ place: 1, priority: true, priorityReason: 'Pregnant, 32 weeks' });

		// Marking someone already in line: without a reason refused, with one they go right after the first priority patient.
		const last = (await waiting()).at(-1)!;
		const noReason = await as(reception)(`/api/v1/queue/${last.id}/priority`, { method: 'POST', json: { priority: true, version: last.version } });
		expect(noReason.status).toBe(400);
		expect(Object.keys((await noReason.json()).errors)).toEqual(['reason']);
		const marked = await as(reception)(`/api/v1/queue/${last.id}/priority`, { method: 'POST', json: { priority: true, reason: 'Elderly, 84', version: last.version } });
		expect(marked.status).toBe(200);
		const line = await waiting();
		expect(line.slice(0, 2).map((e) => e.id)).toEqual([urgent.id, last.id]);
		expect(line.slice(0, 2).map((e) => e.place)).toEqual([1, 2]);
		expect(line.slice(2).every((e) => !e.priority)).toBe(true);
	});

	it('reorder changes places, is audited with both places, and a stale version answers 409 with the entry as it is', async () => {
		const before = await waiting();
		const moving = before.at(-1)!;
		const target = before[2]!;
		const res = await as(reception)(`/api/v1/queue/${moving.id}/reorder`, { method: 'POST', json: { beforeId: target.id, version: moving.version } });
		expect(res.status).toBe(200);
		const moved = (await res.json()) as QueueEntryDto;
		expect(moved.place).toBe(3);
		const after = await waiting();
		expect(after.map((e) => e.id)).toEqual([before[0]!.id, before[1]!.id, moving.id, ...before.slice(2, -1).map((e) => e.id)]);

		const audit = await (await as(admin)('/api/v1/audit?action=queue.reordered')).json();
		const event = audit.events.find((e: { targetId: string }) => e.targetId === moving.id);
		expect(event).toMatchObject({ action: 'queue.reordered', actorLabel: reception.me.user.name, before: { place: before.length }, after: { place: 3 } });

		// The old version again: someone else changed it first.
		const stale = await as(reception)(`/api/v1/queue/${moving.id}/reorder`, { method: 'POST', json: { beforeId: null, version: moving.version } });
		expect(stale.status).toBe(409);
		const problem = await stale.json();
		expect(problem.code).toBe('STALE_VERSION');
		expect(problem.current).toMatchObject({ id: moving.id, version: moved.version, place: 3 });
		expect((await entryIn(moving.id)).place).toBe(3);
	});

	it('two desks reordering and prioritising different patients at the same moment both succeed', async () => {
		const line = await waiting();
		expect(line.length).toBeGreaterThanOrEqual(4);
		const [first, second] = [line.at(-1)!, line.at(-2)!];
		const answers = await Promise.all([
			as(reception)(`/api/v1/queue/${first.id}/reorder`, { method: 'POST', json: { beforeId: line[0]!.id, version: first.version } }),
			as(admin)(`/api/v1/queue/${second.id}/priority`, { method: 'POST', json: { priority: true, reason: 'In pain', version: second.version } })
		]);
		expect(answers.map((r) => r.status)).toEqual([200, 200]);
		const after = await waiting();
		const place = (id: string) => after.findIndex((e) => e.id === id);
		// The prioritised patient is ahead of everyone without priority (but the one reception moved to the front on purpose).
		for (const e of after.filter((x) => !x.priority && x.id !== first.id)) expect(place(second.id)).toBeLessThan(place(e.id));
		expect(place(first.id)).toBeGreaterThanOrEqual(0);
	});
});

describe('who may do what', () => {
	it('a receptionist cannot call, a doctor cannot reorder or give priority', async () => {
		const [first, second] = await waiting();
		expect((await callNext(reception, rooms['Consult 1']!)).status).toBe(403);
		expect((await as(reception)(`/api/v1/queue/${first!.id}/call`, { method: 'POST', json: { roomId: rooms['Consult 1'], version: first!.version } })).status).toBe(403);
		expect((await setStatus(reception, first!, 'in-service')).status).toBe(403);
		expect((await as(doctor)(`/api/v1/queue/${second!.id}/reorder`, { method: 'POST', json: { beforeId: first!.id, version: second!.version } })).status).toBe(403);
		expect((await as(doctor)(`/api/v1/queue/${second!.id}/priority`, { method: 'POST', json: { priority: true, reason: 'x', version: second!.version } })).status).toBe(403);
		expect((await as(doctor)(`/api/v1/branches/${ind}/queue`, { method: 'POST', json: { patientId: walkIns[40] } })).status).toBe(403);
		// Nothing moved.
		expect((await waiting()).slice(0, 2).map((e) => e.id)).toEqual([first!.id, second!.id]);
	});
});

describe('calling and visits', () => {
	it('two practitioners pressing call-next at once get two different patients', async () => {
		const [a, b] = await Promise.all([callNext(doctor, rooms['Consult 1']!), callNext(therapist, rooms['Consult 2']!)]);
		expect([a.status, b.status]).toEqual([200, 200]);
		const [x, y] = [(await a.json()) as QueueEntryDto, (await b.json()) as QueueEntryDto];
		expect(x.id).not.toBe(y.id);
		expect(x).toMatchObject({ status: 'called', room: { name: 'Consult 1' }, practitioner: { id: doctor.me.user.id } });
		expect(y).toMatchObject({ status: 'called', room: { name: 'Consult 2' }, practitioner: { id: therapist.me.user.id } });
		const active = (await queueOf()).entries.filter((e) => e.status === 'called');
		expect(active.map((e) => e.id).sort()).toEqual([x.id, y.id].sort());
	});

	it('expected waits shrink as visits finish, and the appointment follows the visit', async () => {
		// Dr Rao's own patient (C-002) is next for her; someone waits for her by name behind them.
		const forDoctor = await checkIn({ patientId: walkIn(), serviceId: services['Dermatology consultation'], practitionerId: doctor.me.user.id });
		const behind = (await forDoctor.json()) as QueueEntryDto;
		const mine = (await queueOf()).entries.find((e) => e.status === 'called' && e.practitioner?.id === doctor.me.user.id)!;
		expect((await setStatus(doctor, mine, 'in-service')).status).toBe(200);
		const during = (await entryIn(behind.id)).expectedWaitMinutes!;
		expect(during).toBeGreaterThan(0);

		const started = await entryIn(mine.id);
		const done = await setStatus(doctor, started, 'done');
		expect(done.status).toBe(200);
		expect(await done.json()).toMatchObject({ status: 'done', place: null });
		const afterFinish = (await entryIn(behind.id)).expectedWaitMinutes!;
		expect(afterFinish).toBeLessThan(during);
		if (mine.appointmentId) {
			const [row] = await query<{ status: string }>(databaseUrl, 'select status from appointment where id = $1', [mine.appointmentId]);
			expect(row!.status).toBe('completed');
		}
	});

	it('a called patient who is not there goes back in line; a finished visit cannot be started again', async () => {
		const called = (await queueOf()).entries.find((e) => e.status === 'called' && e.practitioner?.id === therapist.me.user.id)!;
		const back = await setStatus(therapist, called, 'waiting');
		expect(back.status).toBe(200);
		expect(await back.json()).toMatchObject({ status: 'waiting', room: null });
		const finished = (await queueOf()).entries.find((e) => e.status === 'done')!;
		const again = await setStatus(doctor, finished, 'in-service');
		expect(again.status).toBe(422);
	});
});

describe('live updates', () => {
	it("reach every screen of the branch with a growing seq, and no socket at another branch", async () => {
		const here = await connectSocket(server, doctor);
		const there = await connectSocket(server, await login(server, 'reception2@demo.skinspire.app'));
		// The pharmacist reads IND's notices but not its appointments: the queue is not theirs to watch.
		const pharmacy = await connectSocket(server, await login(server, 'pharmacist@demo.skinspire.app'));
		sockets.push(here, there, pharmacy);
		const seenHere = record(here, 'queue.updated');
		const seenThere = record(there, 'queue.updated');
		const seenByPharmacy = record(pharmacy, 'queue.updated');
		const boardThere = record(there, 'board.updated');
		const seqBefore = (await queueOf()).seq;

		const res = await checkIn({ patientId: walkIn() });
		const entry = (await res.json()) as QueueEntryDto;
		await waitFor(() => seenHere.length >= 1, 3000, 'queue.updated at Indiranagar');
		expect(seenHere[0]).toMatchObject({ action: 'checked-in', entry: { id: entry.id, token: entry.token }, by: { id: reception.me.user.id } });
		expect(seenHere[0]!.queue.branchId).toBe(ind);
		expect(seenHere[0]!.queue.seq).toBeGreaterThan(seqBefore);
		expect(seenHere[0]!.queue.entries.some((e) => e.id === entry.id)).toBe(true);

		const called = await callNext(doctor, rooms['Consult 1']!);
		expect(called.status).toBe(200);
		await waitFor(() => seenHere.length >= 2, 3000, 'the call at Indiranagar');
		expect(seenHere[1]!.action).toBe('called');
		expect(seenHere[1]!.queue.seq).toBeGreaterThan(seenHere[0]!.queue.seq);

		await sleep(500);
		expect(seenThere).toEqual([]);
		expect(seenByPharmacy).toEqual([]);
		expect(boardThere).toEqual([]);
		// Koramangala's own queue is untouched.
		expect((await queueOf(kor, admin)).entries).toEqual([]);
	});

	it('a refused change broadcasts nothing', async () => {
		const here = await connectSocket(server, reception);
		sockets.push(here);
		const seen = record(here, 'queue.updated');
		const entry = (await waiting())[0]!;
		expect((await as(reception)(`/api/v1/queue/${entry.id}/reorder`, { method: 'POST', json: { beforeId: null, version: entry.version - 1 } })).status).toBe(409);
		expect((await callNext(reception, rooms['Consult 1']!)).status).toBe(403);
		await sleep(400);
		expect(seen).toEqual([]);
	});
});
