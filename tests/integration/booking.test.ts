import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { bookingDesk, type DemoService } from '../support/booking.ts';
import { api, connectSocket, login, sleep, type Session } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let reception: Session;
let ind: string;
let consultation: DemoService;
let laser: DemoService;
let patientIds: string[];

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	({ reception, ind, consultation, laser, patientIds } = await bookingDesk(server));
});
afterAll(async () => {
	await server?.stop();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00');
const slotsFor = async (serviceId: string, session = reception) =>
	(await (await api(server, session)(`/api/v1/branches/${ind}/slots?serviceId=${serviceId}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(8))}`)).json()).items as {
		start: string;
		end: string;
		practitionerId: string;
		roomId: string;
	}[];
const book = (body: object, session = reception) => api(server, session)('/api/v1/appointments', { method: 'POST', json: body });

describe('catalogue and slots', () => {
	it('lists services, rooms and practitioners of the branch, and free slots in time order with offsets', async () => {
		const rooms = (await (await api(server, reception)(`/api/v1/branches/${ind}/rooms`)).json()).items;
		expect(rooms.map((r: { name: string }) => r.name)).toContain('Laser 1');
		const practitioners = (await (await api(server, reception)(`/api/v1/branches/${ind}/practitioners`)).json()).items;
		expect(practitioners.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Dr Kavya Rao', "Anita D'Souza"]));
		const slots = await slotsFor(consultation.id);
		expect(slots.length).toBeGreaterThan(10);
		expect(slots[0]!.start).toMatch(/\+05:30$/);
		expect(slots.map((s) => Date.parse(s.start))).toEqual([...slots.map((s) => Date.parse(s.start))].sort((a, b) => a - b));
		// Lunch is a break: no consultation starts 13:30–14:29.
		expect(slots.some((s) => /T13:(30|45)|T14:(00|15)/.test(s.start))).toBe(false);
		// Another hospital's branch does not exist for this user.
		expect((await api(server, reception)('/api/v1/branches/00000000-0000-4000-8000-000000000000/slots')).status).toBe(404);
	});
});

describe('booking', () => {
	it('books a free slot; the same time again is refused with what is taken and the nearest free times', async () => {
		const [slot] = await slotsFor(laser.id);
		const res = await book({ patientId: patientIds[0], serviceId: laser.id, practitionerId: slot!.practitionerId, roomId: slot!.roomId, start: slot!.start });
		expect(res.status).toBe(201);
		const appointment = await res.json();
		expect(appointment).toMatchObject({ start: slot!.start, status: 'booked', room: { id: slot!.roomId } });
		expect(appointment.deviceIds).toHaveLength(1);
		expect(Date.parse(appointment.busyUntil) - Date.parse(appointment.end)).toBe(10 * 60_000);

		const again = await book({ patientId: patientIds[1], serviceId: laser.id, practitionerId: slot!.practitionerId, roomId: slot!.roomId, start: slot!.start });
		expect(again.status).toBe(409);
		const problem = await again.json();
		expect(problem.code).toBe('SLOT_TAKEN');
		expect(problem.taken).toEqual(expect.arrayContaining(['practitioner-busy', 'room-busy']));
		expect(problem.alternatives.length).toBeGreaterThan(0);
		expect(problem.alternatives[0].start).not.toBe(slot!.start);
		// The freed slot is no longer offered.
		expect((await slotsFor(laser.id)).some((s) => s.start === slot!.start && s.roomId === slot!.roomId)).toBe(false);
	});

	it('50 desks booking the same room at the same moment: exactly one 201, 49 × 409, one row', async () => {
		const slots = await slotsFor(consultation.id);
		const slot = slots[5]!;
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				book({ patientId: patientIds[i % patientIds.length], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start }).then(async (r) => {
					await r.arrayBuffer();
					return r.status;
				})
			)
		);
		expect(results.filter((s) => s === 201)).toHaveLength(1);
		expect(results.filter((s) => s === 409)).toHaveLength(49);
		const rows = await query(databaseUrl, "select count(*)::int as n from appointment where room_id = $1 and starts_at = $2 and status <> 'cancelled'", [slot.roomId, slot.start]);
		expect(rows[0]!.n).toBe(1);
	});

	it('says field by field why a booking cannot be made', async () => {
		const [slot] = await slotsFor(consultation.id);
		const base = { patientId: patientIds[2], serviceId: consultation.id, practitionerId: slot!.practitionerId, roomId: slot!.roomId };
		const fields = async (body: object) => {
			const res = await book(body);
			expect(res.status).toBe(400);
			return (await res.json()).errors as Record<string, string[]>;
		};
		expect((await fields({ ...base, start: '2020-01-06T10:00:00+05:30' })).start![0]).toBe('This time has already passed');
		const late = slot!.start.replace(/T\d\d:\d\d/, 'T22:00');
		expect((await fields({ ...base, start: late })).start![0]).toMatch(/branch is closed/);
		const receptionistId = reception.me.user.id;
		expect((await fields({ ...base, practitionerId: receptionistId, start: slot!.start })).practitionerId![0]).toBe('This practitioner does not perform this service');
		const laserRoom = (await (await api(server, reception)(`/api/v1/branches/${ind}/rooms`)).json()).items.find((r: { name: string }) => r.name === 'Laser 1').id;
		expect((await fields({ ...base, roomId: laserRoom, start: slot!.start })).roomId![0]).toBe('This service needs another kind of room');
		await query(databaseUrl, "update room set in_service = false, out_of_service_reason = 'AC repair' where id = $1", [slot!.roomId]);
		expect((await fields({ ...base, start: slot!.start })).roomId![0]).toBe('This room is out of service');
		await query(databaseUrl, 'update room set in_service = true, out_of_service_reason = null where id = $1', [slot!.roomId]);
		const noOffset = await book({ ...base, start: slot!.start.slice(0, 19) });
		expect((await noOffset.json()).errors.start[0]).toMatch(/with its offset/);
	});

	it('a booking reaches every screen of the branch at once, and no other branch', async () => {
		const here = await connectSocket(server, await login(server, 'doctor@demo.skinspire.app'));
		const there = await connectSocket(server, await login(server, 'reception2@demo.skinspire.app'));
		const seenHere: string[] = [];
		const seenThere: string[] = [];
		here.on('appointment.changed', (e) => seenHere.push(e.appointment.id));
		there.on('appointment.changed', (e) => seenThere.push(e.appointment.id));
		const slots = await slotsFor(consultation.id);
		const slot = slots[9]!;
		const res = await book({ patientId: patientIds[3], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start });
		const { id } = await res.json();
		for (let i = 0; i < 20 && !seenHere.includes(id); i++) await sleep(100);
		expect(seenHere).toContain(id);
		await sleep(300);
		expect(seenThere).toEqual([]);
		here.disconnect();
		there.disconnect();
	});

	it('the database itself refuses an overlap the application did not check', async () => {
		const [a] = await query(databaseUrl, "select * from appointment where status = 'booked' limit 1");
		await expect(
			query(
				databaseUrl,
				`insert into appointment (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, room_id, starts_at, ends_at, busy_until, status, created_by_id, created_at, updated_at, version)
				 values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::timestamptz + interval '5 minutes', $8::timestamptz + interval '5 minutes', $9::timestamptz + interval '5 minutes', 'booked', $10, now(), now(), 1)`,
				[a!.hospital_id, a!.branch_id, a!.patient_id, a!.service_id, a!.practitioner_id, a!.room_id, a!.starts_at, a!.ends_at, a!.busy_until, a!.created_by_id]
			)
		).rejects.toThrow(/appointment_(practitioner|room)_no_overlap/);
	});
});

describe('moving, cancelling and holding', () => {
	it('moves an appointment with its version; a stale move gets the current one; cancelling frees the time; the history keeps it all', async () => {
		const slots = await slotsFor(consultation.id);
		const first = slots[12]!;
		const booked = await (await book({ patientId: patientIds[4], serviceId: consultation.id, practitionerId: first.practitionerId, roomId: first.roomId, start: first.start })).json();
		// A morning or afternoon time with room to grow to 30 minutes before lunch or closing.
		const roomy = (s: { start: string; roomId: string }) =>
			['10', '11', '15', '16', '17'].includes(s.start.slice(11, 13)) && slots.some((n) => Date.parse(n.start) === Date.parse(s.start) + 15 * 60_000 && n.roomId === s.roomId);
		const target = slots.find((s) => Date.parse(s.start) > Date.parse(first.start) + 3 * 3_600_000 && s.roomId !== first.roomId && roomy(s)) ?? slots.find((s) => roomy(s) && s.start !== first.start)!;
		const moved = await api(server, reception)(`/api/v1/appointments/${booked.id}`, { method: 'PATCH', json: { start: target.start, roomId: target.roomId, version: booked.version } });
		expect(moved.status).toBe(200);
		const after = await moved.json();
		expect(after).toMatchObject({ start: target.start, room: { id: target.roomId }, version: booked.version + 1 });

		const stale = await api(server, reception)(`/api/v1/appointments/${booked.id}`, { method: 'PATCH', json: { start: first.start, version: booked.version } });
		expect(stale.status).toBe(409);
		const problem = await stale.json();
		expect(problem.code).toBe('STALE_VERSION');
		expect(problem.current.start).toBe(target.start);

		const resized = await api(server, reception)(`/api/v1/appointments/${booked.id}`, { method: 'PATCH', json: { durationMinutes: 30, version: after.version } });
		expect(resized.status).toBe(200);
		const longer = await resized.json();
		expect(Date.parse(longer.end) - Date.parse(longer.start)).toBe(30 * 60_000);

		const noReason = await api(server, reception)(`/api/v1/appointments/${booked.id}/cancel`, { method: 'POST', json: { reason: '', version: longer.version } });
		expect((await noReason.json()).errors.reason[0]).toMatch(/Say why/);
		const cancelled = await api(server, reception)(`/api/v1/appointments/${booked.id}/cancel`, { method: 'POST', json: { reason: 'Patient travelling', version: longer.version } });
		expect((await cancelled.json()).status).toBe('cancelled');
		// The time is free again.
		const rebook = await book({ patientId: patientIds[5], serviceId: consultation.id, practitionerId: target.practitionerId, roomId: target.roomId, start: target.start });
		expect(rebook.status).toBe(201);
		const history = (await (await api(server, reception)(`/api/v1/appointments/${booked.id}/history`)).json()).events;
		expect(history.map((e: { kind: string }) => e.kind)).toEqual(['booked', 'rescheduled', 'rescheduled', 'cancelled']);
		expect(history[1].before.start).toBe(first.start);
		expect(history[1].after.start).toBe(target.start);
	});

	it('a hold on one desk is seen at another desk and keeps others from booking the slot until it is released', async () => {
		const other = await login(server, 'manager@demo.skinspire.app');
		const socket = await connectSocket(server, other);
		const seen: (string | null)[] = [];
		socket.on('hold.changed', (e) => seen.push(e.hold ? `held by ${e.hold.heldBy.name}` : 'released'));
		const slot = (await slotsFor(consultation.id))[15]!;
		const held = await api(server, reception)(`/api/v1/branches/${ind}/holds`, { method: 'POST', json: { serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start } });
		expect(held.status).toBe(201);
		const hold = await held.json();
		expect(Date.parse(hold.expiresAt) - Date.now()).toBeGreaterThan(60_000);
		for (let i = 0; i < 20 && !seen.length; i++) await sleep(100);
		expect(seen).toEqual(['held by Priya Nair']);
		const listed = (await (await api(server, other)(`/api/v1/branches/${ind}/appointments?from=${encodeURIComponent(inDays(0))}&to=${encodeURIComponent(inDays(9))}`)).json()).holds;
		expect(listed.map((h: { id: string }) => h.id)).toContain(hold.id);

		const blocked = await book({ patientId: patientIds[6], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start }, other);
		expect(blocked.status).toBe(409);
		// The holder books it: the hold is gone and the booking stands.
		const mine = await book({ patientId: patientIds[6], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start });
		expect(mine.status).toBe(201);
		const [left] = await query(databaseUrl, 'select count(*)::int as n from slot_hold where id = $1', [hold.id]);
		expect(left!.n).toBe(0);

		const second = (await slotsFor(consultation.id))[16]!;
		const again = await (await api(server, reception)(`/api/v1/branches/${ind}/holds`, { method: 'POST', json: { serviceId: consultation.id, practitionerId: second.practitionerId, roomId: second.roomId, start: second.start } })).json();
		expect((await api(server, other)(`/api/v1/holds/${again.id}`, { method: 'DELETE' })).status).toBe(404);
		expect((await api(server, reception)(`/api/v1/holds/${again.id}`, { method: 'DELETE' })).status).toBe(204);
		for (let i = 0; i < 20 && seen.at(-1) !== 'released'; i++) await sleep(100);
		expect(seen.at(-1)).toBe('released');
		socket.disconnect();
	});
});

describe('idempotent booking', () => {
	it('a retry with the same Idempotency-Key gets the first answer; the same key with another body is refused', async () => {
		const slot = (await slotsFor(consultation.id))[20]!;
		const body = { patientId: patientIds[7], serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start };
		const send = (json: object, key: string) => api(server, reception)('/api/v1/appointments', { method: 'POST', json, headers: { 'idempotency-key': key } });
		const first = await send(body, 'booking-attempt-1');
		expect(first.status).toBe(201);
		const booked = await first.json();
		const retry = await send(body, 'booking-attempt-1');
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect((await retry.json()).id).toBe(booked.id);
		const [rows] = await query(databaseUrl, 'select count(*)::int as n from appointment where patient_id = $1 and starts_at = $2', [patientIds[7], slot.start]);
		expect(rows!.n).toBe(1);
		const other = await send({ ...body, patientId: patientIds[8] }, 'booking-attempt-1');
		expect(other.status).toBe(422);
		expect((await other.json()).detail).toMatch(/already used for a different request/);
		// Without a key the same body is a new attempt, refused because the time is now taken.
		expect((await book(body)).status).toBe(409);
	});
});
