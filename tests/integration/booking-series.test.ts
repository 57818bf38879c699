import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { bookingDesk, type DemoService } from '../support/booking.ts';
import { api, connectSocket, login, record, waitFor, type Session } from '../support/clients.ts';

// Courses of sessions booked as one: all of them under one series id, or none and the answer
// names the sessions that clash.

let server: TestServer;
let databaseUrl: string;
let reception: Session;
let ind: string;
let consultation: DemoService;
let laser: DemoService;
let patientIds: string[];

interface Slot {
	start: string;
	practitionerId: string;
	roomId: string;
}

const WEEK = 7 * 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00');

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	({ reception, ind, consultation, laser, patientIds } = await bookingDesk(server));
});
afterAll(async () => {
	await server?.stop();
});

/** A free slot next week at the given hour of the branch's day, so the tests' courses never meet. */
async function slotAt(serviceId: string, hour: string): Promise<Slot> {
	const res = await api(server, reception)(`/api/v1/branches/${ind}/slots?serviceId=${serviceId}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(8))}&limit=500`);
	const slot = ((await res.json()).items as Slot[]).find((s) => s.start.slice(11, 16) === `${hour}:00`);
	if (!slot) throw new Error(`no free slot at ${hour}:00 next week`);
	return slot;
}

const bookSeries = (body: object, headers: Record<string, string> = {}, session = reception) => api(server, session)('/api/v1/appointments/series', { method: 'POST', json: body, headers });
/** The same instant `weeks` later, written as the API writes it (India keeps +05:30 all year). */
const weeksLater = (iso: string, weeks: number) => new Date(Date.parse(iso) + weeks * WEEK).toISOString().replace('.000Z', '+00:00');
const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

describe('booking a course', () => {
	it('six laser sessions four weeks apart: six appointments sharing one series, each announced, audited and in its history', async () => {
		const slot = await slotAt(laser.id, '10');
		const socket = await connectSocket(server, await login(server, 'doctor@demo.skinspire.app'));
		const seen = record(socket, 'appointment.changed');
		const res = await bookSeries({ patientId: patientIds[0], serviceId: laser.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start, count: 6, everyWeeks: 4 });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.items).toHaveLength(6);
		// Same time of day on the branch's clock, four weeks apart, each with its laser.
		body.items.forEach((a: { start: string; deviceIds: string[]; status: string; room: { id: string } }, i: number) => {
			expect(sameInstant(a.start, weeksLater(slot.start, 4 * i))).toBe(true);
			expect(a.start.slice(11)).toBe(slot.start.slice(11));
			expect(a.deviceIds).toHaveLength(1);
			expect(a).toMatchObject({ status: 'booked', room: { id: slot.roomId } });
		});

		const rows = await query(databaseUrl, 'select id, series_id, patient_id from appointment where series_id = $1 order by starts_at', [body.seriesId]);
		expect(rows.map((r) => r.id)).toEqual(body.items.map((a: { id: string }) => a.id));
		expect(new Set(rows.map((r) => r.patient_id))).toEqual(new Set([patientIds[0]]));

		const ids = body.items.map((a: { id: string }) => a.id);
		await waitFor(() => ids.every((id: string) => seen.some((e) => e.appointment.id === id)), 3000, 'six appointment.changed events');
		socket.disconnect();

		const audited = await query(databaseUrl, "select target_id from audit_event where action = 'appointment.booked' and target_id = any($1::text[])", [ids]);
		expect(audited).toHaveLength(6);
		const history = (await (await api(server, reception)(`/api/v1/appointments/${ids[5]}/history`)).json()).events;
		expect(history.map((e: { kind: string }) => e.kind)).toEqual(['booked']);
		expect(history[0].after).toMatchObject({ seriesId: body.seriesId, session: 6, of: 6 });
	});

	it('one week already taken: nothing is booked, and the answer names that session with what is taken and free times near it', async () => {
		const slot = await slotAt(consultation.id, '15');
		// Another patient already has the practitioner and room in the third week.
		const blocker = await api(server, reception)('/api/v1/appointments', {
			method: 'POST',
			json: { patientId: patientIds[1], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: weeksLater(slot.start, 2) }
		});
		expect(blocker.status).toBe(201);

		const res = await bookSeries({ patientId: patientIds[2], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start, count: 6, everyWeeks: 1 });
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.code).toBe('SLOT_TAKEN');
		expect(problem.detail).toBe('Nothing was booked: session 3 clashes with another booking; move it or pick a free time offered');
		expect(problem.clashes).toHaveLength(1);
		const [clash] = problem.clashes;
		expect(clash.index).toBe(2);
		expect(sameInstant(clash.start, weeksLater(slot.start, 2))).toBe(true);
		expect(clash.problems).toEqual(expect.arrayContaining(['practitioner-busy', 'room-busy']));
		expect(clash.alternatives.length).toBeGreaterThan(0);
		expect(clash.alternatives.every((a: { start: string }) => !sameInstant(a.start, clash.start))).toBe(true);
		expect(problem.errors['sessions.2']).toEqual(expect.arrayContaining(['This practitioner is already booked then', 'This room is already booked then']));

		const booked = await query(databaseUrl, 'select count(*)::int as n from appointment where patient_id = $1 and starts_at >= $2', [patientIds[2], slot.start]);
		expect(booked[0]!.n).toBe(0);
	});

	it('a session on a holiday: nothing is booked, 400 naming the session and why; in Hindi for a Hindi reader', async () => {
		const slot = await slotAt(consultation.id, '11');
		const holiday = new Date(Date.parse(weeksLater(slot.start, 1)) + 5.5 * 3_600_000).toISOString().slice(0, 10);
		await query(databaseUrl, `insert into branch_holiday (id, hospital_id, branch_id, day, name) select gen_random_uuid(), hospital_id, id, $2, 'Test holiday' from branch where id = $1`, [ind, holiday]);
		const body = { patientId: patientIds[3], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start, count: 3, everyWeeks: 1 };
		const res = await bookSeries(body);
		expect(res.status).toBe(400);
		const problem = await res.json();
		expect(problem.code).toBe('VALIDATION_FAILED');
		expect(problem.clashes.map((c: { index: number; problems: string[] }) => [c.index, c.problems])).toEqual([[1, ['holiday']]]);
		expect(problem.errors['sessions.1']).toEqual(['The branch is closed that day for a holiday']);
		const hindi = await (await bookSeries(body, { 'accept-language': 'hi' })).json();
		expect(hindi.detail).toMatch(/^कुछ भी बुक नहीं हुआ: सत्र 2/);
		const [rows] = await query(databaseUrl, 'select count(*)::int as n from appointment where patient_id = $1 and starts_at >= $2', [patientIds[3], slot.start]);
		expect(rows!.n).toBe(0);
	});

	it('refuses a course of one or of more than twelve, and gaps outside 1–12 weeks, field by field', async () => {
		const slot = await slotAt(consultation.id, '12');
		const base = { patientId: patientIds[4], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start };
		for (const [change, field, message] of [
			[{ count: 1, everyWeeks: 2 }, 'count', 'Book from 2 to 12 sessions'],
			[{ count: 13, everyWeeks: 2 }, 'count', 'Book from 2 to 12 sessions'],
			[{ count: 3, everyWeeks: 0 }, 'everyWeeks', 'Sessions can be 1 to 12 weeks apart'],
			[{ count: 3, everyWeeks: 1.5 }, 'everyWeeks', 'Sessions can be 1 to 12 weeks apart']
		] as const) {
			const res = await bookSeries({ ...base, ...change });
			expect(res.status).toBe(400);
			expect((await res.json()).errors[field]).toEqual([message]);
		}
	});

	it('ten desks booking the same course at once: one gets it, nine are told which sessions clash, six rows', async () => {
		const slot = await slotAt(consultation.id, '16');
		const body = (i: number) => ({ patientId: patientIds[5 + i], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start, count: 6, everyWeeks: 2 });
		const answers = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
			const res = await bookSeries(body(i));
			return { status: res.status, body: await res.json() };
		}));
		expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
		const refused = answers.filter((a) => a.status !== 201);
		expect(refused.map((a) => a.status)).toEqual(Array(9).fill(409));
		for (const a of refused) expect(a.body.clashes.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
		const rows = await query(databaseUrl, "select count(*)::int as n from appointment where practitioner_id = $1 and starts_at >= $2 and starts_at::time = $3::timestamptz::time and status = 'booked'", [slot.practitionerId, slot.start, slot.start]);
		expect(rows[0]!.n).toBe(6);
	});
});

// A single booking reads only what its proposal could clash with (one practitioner, one room, the
// devices its service needs); these are the clashes such a narrow read could miss if it were wrong.
describe('what a single booking still sees', () => {
	it('the only laser busy in another room, leave, and another desk\'s hold each refuse the booking', async () => {
		const first = await slotAt(laser.id, '12');
		const other = laser.practitionerIds.find((id) => id !== first.practitionerId)!;
		const laserRooms = (await (await api(server, reception)(`/api/v1/branches/${ind}/rooms`)).json()).items.filter((r: { type: string }) => r.type === 'laser');
		const otherRoom = laserRooms.find((r: { id: string }) => r.id !== first.roomId).id;
		const book = (body: object, session = reception) => api(server, session)('/api/v1/appointments', { method: 'POST', json: { patientId: patientIds[17], serviceId: laser.id, ...body } });
		expect((await book({ practitionerId: first.practitionerId, roomId: first.roomId, start: first.start })).status).toBe(201);

		// Another practitioner, another laser room, the same time: the branch's one diode laser is taken.
		const deviceBusy = await book({ practitionerId: other, roomId: otherRoom, start: first.start });
		expect(deviceBusy.status).toBe(409);
		expect((await deviceBusy.json()).taken).toEqual(['device-busy']);

		const nextWeek = weeksLater(first.start, 1);
		await query(databaseUrl, `insert into leave (id, hospital_id, branch_id, user_id, starts_at, ends_at, reason) select gen_random_uuid(), hospital_id, null, $1, $2::timestamptz - interval '1 hour', $2::timestamptz + interval '3 hours', 'Conference' from app_user where id = $1`, [other, nextWeek]);
		const onLeave = await book({ practitionerId: other, roomId: otherRoom, start: nextWeek });
		expect(onLeave.status).toBe(400);
		expect((await onLeave.json()).errors.practitionerId).toEqual(['This practitioner is on leave then']);

		const inTwoWeeks = weeksLater(first.start, 2);
		const manager = await login(server, 'manager@demo.skinspire.app');
		const held = await api(server, manager)(`/api/v1/branches/${ind}/holds`, { method: 'POST', json: { serviceId: laser.id, practitionerId: other, roomId: otherRoom, start: inTwoWeeks } });
		expect(held.status).toBe(201);
		const blocked = await book({ practitionerId: other, roomId: otherRoom, start: inTwoWeeks });
		expect(blocked.status).toBe(409);
		expect((await blocked.json()).taken).toEqual(expect.arrayContaining(['practitioner-busy', 'room-busy']));
		// The holder books it.
		expect((await book({ practitionerId: other, roomId: otherRoom, start: inTwoWeeks }, manager)).status).toBe(201);
	});
});

describe('idempotent course booking', () => {
	it('a retry with the same Idempotency-Key gets the first answer and books nothing more; the same key with another body is refused', async () => {
		const slot = await slotAt(consultation.id, '17');
		const body = { patientId: patientIds[16], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start, count: 4, everyWeeks: 3 };
		const first = await bookSeries(body, { 'idempotency-key': 'course-attempt-1' });
		expect(first.status).toBe(201);
		const booked = await first.json();
		const retry = await bookSeries(body, { 'idempotency-key': 'course-attempt-1' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect((await retry.json()).seriesId).toBe(booked.seriesId);
		const [rows] = await query(databaseUrl, 'select count(*)::int as n, count(distinct series_id)::int as series from appointment where patient_id = $1', [patientIds[16]]);
		expect(rows).toEqual({ n: 4, series: 1 });
		const other = await bookSeries({ ...body, count: 5 }, { 'idempotency-key': 'course-attempt-1' });
		expect(other.status).toBe(422);
		// Without the key it is a new attempt, and every session is now taken.
		const again = await bookSeries(body);
		expect(again.status).toBe(409);
		expect((await again.json()).clashes).toHaveLength(4);
	});
});
