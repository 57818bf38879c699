import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, type Session } from '../support/clients.ts';

/**
 * Setting up scheduling through the API, as the setup screens and integrations do: services,
 * rooms, devices, weeks, holidays; and what booking makes of the changes at once.
 */
let server: TestServer;
let databaseUrl: string;
let admin: Session;
let manager: Session;
let reception: Session;
let ind: string;
let kor: string;
let therapist: string;
let patientIds: string[];

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	[admin, manager, reception] = await Promise.all(['admin', 'manager', 'reception'].map((who) => login(server, `${who}@demo.skinspire.app`))) as [Session, Session, Session];
	ind = manager.branch('IND').id;
	kor = admin.branch('KOR').id;
	const practitioners = (await (await api(server, reception)(`/api/v1/branches/${ind}/practitioners`)).json()).items as { id: string; name: string }[];
	therapist = practitioners.find((p) => p.name === "Anita D'Souza")!.id;
	patientIds = (await (await api(server, reception)('/api/v1/patients?pageSize=10')).json()).items.map((p: { id: string }) => p.id);
});
afterAll(async () => {
	await server?.stop();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00');
type Slot = { start: string; end: string; practitionerId: string; roomId: string };
const slotsFor = async (serviceId: string, days = 8): Promise<Slot[]> => {
	const res = await api(server, reception)(`/api/v1/branches/${ind}/slots?serviceId=${serviceId}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(1 + days))}&limit=500`);
	expect(res.status).toBe(200);
	return (await res.json()).items;
};
/** The weekday (0 = Sunday) of a slot on the branch's own calendar: its start carries the branch's offset. */
const weekdayOf = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).getUTCDay();

/** A new kind of treatment, set up from nothing: its own kind of room and of device. */
let room: { id: string; version: number; name: string };
let device: { id: string; version: number };
let service: { id: string; version: number };

describe('services, rooms and devices', () => {
	it('a manager adds a room and a device, the hospital admin a service needing them; it can be booked at once', async () => {
		const newRoom = await api(server, manager)(`/api/v1/branches/${ind}/rooms`, { method: 'POST', json: { name: 'Derma 1', type: 'Derma' } });
		expect(newRoom.status).toBe(201);
		room = await newRoom.json();
		expect(room).toMatchObject({ name: 'Derma 1', type: 'derma', inService: true, version: 1 });

		const newDevice = await api(server, manager)(`/api/v1/branches/${ind}/devices`, { method: 'POST', json: { name: 'Dermapen 4', type: 'Microneedling pen', roomId: room.id } });
		expect(newDevice.status).toBe(201);
		device = await newDevice.json();
		expect(device).toMatchObject({ type: 'microneedling-pen', roomId: room.id, roomName: 'Derma 1', inService: true });
		const devices = (await (await api(server, reception)(`/api/v1/branches/${ind}/devices`)).json()).items;
		expect(devices.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Dermapen 4', 'IPL machine']));

		const body = { name: 'Microneedling (face)', category: 'facial', durationMinutes: 40, bufferMinutes: 10, pricePaise: 600_000, taxRateBp: 1800, roomType: 'derma', deviceTypes: ['microneedling-pen'], practitionerIds: [therapist] };
		// The catalogue is shared by every branch: a branch manager may not change it.
		const byManager = await api(server, manager)('/api/v1/services', { method: 'POST', json: body });
		expect(byManager.status).toBe(403);
		const created = await api(server, admin)('/api/v1/services', { method: 'POST', json: body });
		expect(created.status).toBe(201);
		service = await created.json();
		expect(service).toMatchObject({ ...body, active: true, version: 1 });

		const offered = (await (await api(server, reception)(`/api/v1/branches/${ind}/services`)).json()).items;
		expect(offered.map((s: { id: string }) => s.id)).toContain(service.id);
		const slots = await slotsFor(service.id);
		expect(slots.length).toBeGreaterThan(0);
		expect(new Set(slots.map((s) => s.roomId))).toEqual(new Set([room.id]));
		expect(new Set(slots.map((s) => s.practitionerId))).toEqual(new Set([therapist]));
	});

	it('an edit with a stale version is refused with the record as it now is', async () => {
		const first = await api(server, admin)(`/api/v1/services/${service.id}`, { method: 'PATCH', json: { pricePaise: 650_000, version: service.version } });
		expect(first.status).toBe(200);
		const after = await first.json();
		expect(after).toMatchObject({ pricePaise: 650_000, version: service.version + 1 });
		const stale = await api(server, admin)(`/api/v1/services/${service.id}`, { method: 'PATCH', json: { pricePaise: 500_000, version: service.version } });
		expect(stale.status).toBe(409);
		const problem = await stale.json();
		expect(problem.code).toBe('STALE_VERSION');
		expect(problem.current).toMatchObject({ id: service.id, pricePaise: 650_000, version: after.version });
		service = after;

		const renamed = await api(server, manager)(`/api/v1/branches/${ind}/rooms/${room.id}`, { method: 'PATCH', json: { sortOrder: 9, version: room.version } });
		expect((await renamed.json()).sortOrder).toBe(9);
		const staleRoom = await api(server, manager)(`/api/v1/branches/${ind}/rooms/${room.id}`, { method: 'PATCH', json: { name: 'Derma A', version: room.version } });
		expect(staleRoom.status).toBe(409);
		expect((await staleRoom.json()).current).toMatchObject({ name: 'Derma 1', sortOrder: 9 });
		room = (await (await api(server, reception)(`/api/v1/branches/${ind}/rooms`)).json()).items.find((r: { id: string }) => r.id === room.id);
	});

	it('bad input is refused field by field, naming each field', async () => {
		const res = await api(server, admin)('/api/v1/services', { method: 'POST', json: { name: ' ', category: 'massage', durationMinutes: 0, bufferMinutes: 10, pricePaise: -1, taxRateBp: 1800, roomType: '!!' } });
		expect(res.status).toBe(400);
		const errors = (await res.json()).errors as Record<string, string[]>;
		expect(Object.keys(errors).sort()).toEqual(['category', 'durationMinutes', 'name', 'pricePaise', 'roomType']);
		expect(errors.durationMinutes![0]).toMatch(/5 minutes to 12 hours/);

		const taken = await api(server, manager)(`/api/v1/branches/${ind}/rooms`, { method: 'POST', json: { name: 'laser 1', type: 'laser' } });
		expect(taken.status).toBe(400);
		expect((await taken.json()).errors.name[0]).toMatch(/already has this name/);

		const elsewhere = await api(server, manager)(`/api/v1/branches/${ind}/devices/${device.id}`, { method: 'PATCH', json: { roomId: '00000000-0000-4000-8000-000000000000', version: device.version } });
		expect((await elsewhere.json()).errors.roomId[0]).toBe('Choose a room of this branch');

		const week = await api(server, manager)(`/api/v1/branches/${ind}/schedules/${therapist}`, {
			method: 'PUT',
			json: { week: { mon: { work: [{ start: '09:00', end: '13:00' }], breaks: [{ start: '12:30', end: '13:30' }] }, tue: { work: [{ start: '14:00', end: '10:00' }] } } }
		});
		expect(week.status).toBe(400);
		const weekErrors = (await week.json()).errors;
		expect(weekErrors['week.mon.breaks.0.start']).toEqual(['A break must lie inside working hours']);
		expect(weekErrors['week.tue.work.0.end']).toEqual(['The end must come after the start']);

		const hours = await api(server, manager)(`/api/v1/branches/${ind}/opening-hours`, { method: 'PUT', json: { week: { sat: { opens: '18:00', closes: '10:00' } } } });
		expect((await hours.json()).errors['week.sat.closes']).toEqual(['Closing must come after opening']);
		const languages = await api(server, manager)(`/api/v1/branches/${ind}/languages`, { method: 'PUT', json: { languages: ['fr'] } });
		expect(Object.keys((await languages.json()).errors)).toEqual(['languages.0']);
	});
});

describe('what booking makes of it', () => {
	let booked: { id: string };

	it('a room out of service: the answer lists what is still booked in it; slots stop offering it; booking into it is refused', async () => {
		// Booked on a day other than Tuesday (the week test below keeps only Tuesday mornings).
		const slot = (await slotsFor(service.id)).find((s) => weekdayOf(s.start) !== 2)!;
		const res = await api(server, reception)('/api/v1/appointments', { method: 'POST', json: { patientId: patientIds[0], serviceId: service.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start } });
		expect(res.status).toBe(201);
		booked = await res.json();

		const out = await api(server, manager)(`/api/v1/branches/${ind}/rooms/${room.id}/out-of-service`, { method: 'POST', json: { reason: 'Ceiling leak', version: room.version } });
		expect(out.status).toBe(200);
		const change = await out.json();
		expect(change.room).toMatchObject({ inService: false, outOfServiceReason: 'Ceiling leak' });
		expect(change.affectedAppointments.map((a: { id: string }) => a.id)).toEqual([booked.id]);

		// Derma 1 is the only room of its kind: nothing is offered now.
		expect(await slotsFor(service.id)).toEqual([]);
		const refused = await api(server, reception)('/api/v1/appointments', { method: 'POST', json: { patientId: patientIds[1], serviceId: service.id, practitionerId: therapist, roomId: room.id, start: slot.start.replace(/T\d\d:\d\d/, 'T15:00') } });
		expect(refused.status).toBe(400);
		expect((await refused.json()).errors.roomId).toContain('This room is out of service');
		const listed = (await (await api(server, reception)(`/api/v1/branches/${ind}/rooms`)).json()).items.find((r: { id: string }) => r.id === room.id);
		expect(listed).toMatchObject({ inService: false, outOfServiceReason: 'Ceiling leak' });

		const back = await api(server, manager)(`/api/v1/branches/${ind}/rooms/${room.id}/in-service`, { method: 'POST', json: { version: change.room.version } });
		expect((await back.json()).room.inService).toBe(true);
		expect((await slotsFor(service.id)).length).toBeGreaterThan(0);

		const audit = await query(databaseUrl, `select action, actor_label, after from audit_event where target_id = $1 order by seq`, [room.id]);
		expect(audit.map((a) => a.action)).toEqual(['room.created', 'room.updated', 'room.out-of-service', 'room.in-service']);
		expect(audit[2]).toMatchObject({ actor_label: 'Vikram Shetty', after: { reason: 'Ceiling leak', affectedAppointments: 1 } });
	});

	it('a new week: slots follow at once, the booked appointments it leaves out are listed, and a stale revision is refused', async () => {
		const before = await (await api(server, reception)(`/api/v1/branches/${ind}/schedules/${therapist}`)).json();
		expect(before.week.mon.work).toEqual([{ start: '09:00', end: '18:00' }]);
		const put = await api(server, manager)(`/api/v1/branches/${ind}/schedules/${therapist}`, { method: 'PUT', json: { week: { tue: { work: [{ start: '10:00', end: '12:00' }] } }, revision: before.revision } });
		expect(put.status).toBe(200);
		const saved = await put.json();
		expect(saved.week.tue.work).toEqual([{ start: '10:00', end: '12:00' }]);
		expect(saved.week.mon.work).toEqual([]);
		expect(saved.affectedAppointments.map((a: { id: string }) => a.id)).toContain(booked.id);

		const slots = await slotsFor(service.id, 14);
		expect(slots.length).toBeGreaterThan(0);
		for (const s of slots) {
			expect(weekdayOf(s.start)).toBe(2);
			// 40 minutes and 10 of clean-up end by 12:00: the last start is 11:00 on a 15-minute grid.
			expect(s.start.slice(11, 16) >= '10:00' && s.start.slice(11, 16) <= '11:00').toBe(true);
		}

		const stale = await api(server, manager)(`/api/v1/branches/${ind}/schedules/${therapist}`, { method: 'PUT', json: { week: {}, revision: before.revision } });
		expect(stale.status).toBe(409);
		expect((await stale.json()).current.week.tue.work).toEqual([{ start: '10:00', end: '12:00' }]);

		// Her usual week again, for the tests after this one.
		const restored = await api(server, manager)(`/api/v1/branches/${ind}/schedules/${therapist}`, { method: 'PUT', json: { week: before.week, revision: saved.revision } });
		expect(restored.status).toBe(200);
	});

	it('leave keeps a practitioner out of the slots and lists what is booked meanwhile', async () => {
		const day = (await slotsFor(service.id, 3))[0]!.start.slice(0, 10);
		const leave = await api(server, manager)(`/api/v1/branches/${ind}/schedules/${therapist}/leave`, { method: 'POST', json: { start: `${day}T00:00:00+05:30`, end: `${day}T23:59:00+05:30`, reason: 'Wedding' } });
		expect(leave.status).toBe(201);
		const { leave: created } = await leave.json();
		expect((await slotsFor(service.id, 3)).filter((s) => s.start.startsWith(day))).toEqual([]);
		const schedule = await (await api(server, reception)(`/api/v1/branches/${ind}/schedules/${therapist}`)).json();
		expect(schedule.leave).toEqual([expect.objectContaining({ id: created.id, reason: 'Wedding', allBranches: false })]);
		expect((await api(server, manager)(`/api/v1/branches/${ind}/schedules/${therapist}/leave/${created.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await slotsFor(service.id, 3)).some((s) => s.start.startsWith(day))).toBe(true);
	});

	it('a holiday: no slots that day, until it is removed', async () => {
		const consultation = (await (await api(server, reception)(`/api/v1/branches/${ind}/services`)).json()).items.find((s: { name: string }) => s.name === 'Dermatology consultation');
		const day = (await slotsFor(consultation.id))[0]!.start.slice(0, 10);
		const added = await api(server, manager)(`/api/v1/branches/${ind}/holidays`, { method: 'POST', json: { day, name: 'Diwali' } });
		expect(added.status).toBe(201);
		const { holiday } = await added.json();
		const slots = await slotsFor(consultation.id);
		expect(slots.length).toBeGreaterThan(0);
		expect(slots.filter((s) => s.start.startsWith(day))).toEqual([]);
		expect((await (await api(server, reception)(`/api/v1/branches/${ind}/holidays`)).json()).items).toEqual([{ id: holiday.id, day, name: 'Diwali' }]);

		const twice = await api(server, manager)(`/api/v1/branches/${ind}/holidays`, { method: 'POST', json: { day, name: 'Again' } });
		expect((await twice.json()).errors.day[0]).toBe('This day is already a holiday: Diwali');
		const past = await api(server, manager)(`/api/v1/branches/${ind}/holidays`, { method: 'POST', json: { day: '2020-01-01', name: 'Long ago' } });
		expect(Object.keys((await past.json()).errors)).toEqual(['day']);

		expect((await api(server, manager)(`/api/v1/branches/${ind}/holidays/${holiday.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await slotsFor(consultation.id)).some((s) => s.start.startsWith(day))).toBe(true);
	});

	it('a deactivated service is no longer offered, but stays in the catalogue', async () => {
		const off = await api(server, admin)(`/api/v1/services/${service.id}`, { method: 'PATCH', json: { active: false, version: service.version } });
		expect((await off.json()).active).toBe(false);
		const offered = (await (await api(server, reception)(`/api/v1/branches/${ind}/services`)).json()).items;
		expect(offered.map((s: { id: string }) => s.id)).not.toContain(service.id);
		const catalogue = (await (await api(server, reception)('/api/v1/services')).json()).items;
		expect(catalogue.find((s: { id: string }) => s.id === service.id)).toMatchObject({ active: false });
		expect((await api(server, reception)(`/api/v1/branches/${ind}/slots?serviceId=${service.id}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(2))}`)).status).toBe(400);
	});
});

describe('who may change what', () => {
	it('a receptionist reads but may change nothing', async () => {
		const call = api(server, reception);
		expect((await call(`/api/v1/branches/${ind}/devices`)).status).toBe(200);
		expect((await call(`/api/v1/branches/${ind}/opening-hours`)).status).toBe(200);
		const refusals = await Promise.all([
			call(`/api/v1/branches/${ind}/rooms`, { method: 'POST', json: { name: 'Sneaky', type: 'consult' } }),
			call(`/api/v1/branches/${ind}/rooms/${room.id}/out-of-service`, { method: 'POST', json: { reason: 'x', version: 1 } }),
			call(`/api/v1/branches/${ind}/devices/${device.id}`, { method: 'PATCH', json: { name: 'x', version: 1 } }),
			call(`/api/v1/branches/${ind}/schedules/${therapist}`, { method: 'PUT', json: { week: {} } }),
			call(`/api/v1/branches/${ind}/opening-hours`, { method: 'PUT', json: { week: {} } }),
			call(`/api/v1/branches/${ind}/holidays`, { method: 'POST', json: { day: '2099-01-01', name: 'x' } }),
			call(`/api/v1/branches/${ind}/languages`, { method: 'PUT', json: { languages: ['hi'] } }),
			call('/api/v1/services', { method: 'POST', json: {} }),
			call(`/api/v1/services/${service.id}`, { method: 'PATCH', json: { version: 1 } })
		]);
		expect(refusals.map((r) => r.status)).toEqual(Array(refusals.length).fill(403));
		expect((await query(databaseUrl, "select count(*)::int as n from room where name = 'Sneaky'"))[0]!.n).toBe(0);
	});

	it("another branch's manager cannot touch Indiranagar's rooms, only their own", async () => {
		await query(
			databaseUrl,
			`insert into role_assignment (id, hospital_id, user_id, role_id, branch_id, created_at)
			 select gen_random_uuid(), u.hospital_id, u.id, r.id, b.id, now() from app_user u join role r on r.hospital_id = u.hospital_id and r.system_key = 'manager'
			 join branch b on b.hospital_id = u.hospital_id and b.code = 'KOR' where u.email = 'reception2@demo.skinspire.app'`
		);
		const korManager = await login(server, 'reception2@demo.skinspire.app');
		const call = api(server, korManager);
		const attempts = await Promise.all([
			call(`/api/v1/branches/${ind}/rooms/${room.id}`, { method: 'PATCH', json: { name: 'Mine now', version: room.version } }),
			call(`/api/v1/branches/${ind}/rooms/${room.id}/out-of-service`, { method: 'POST', json: { reason: 'x', version: room.version } }),
			call(`/api/v1/branches/${ind}/rooms`, { method: 'POST', json: { name: 'Theirs', type: 'consult' } }),
			// Their own branch in the path, another branch's room in it.
			call(`/api/v1/branches/${kor}/rooms/${room.id}`, { method: 'PATCH', json: { name: 'Mine now', version: room.version } })
		]);
		expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404]);
		const own = await call(`/api/v1/branches/${kor}/rooms`, { method: 'POST', json: { name: 'Consult 3', type: 'consult' } });
		expect(own.status).toBe(201);
		const [indRoom] = await query(databaseUrl, 'select name, in_service from room where id = $1', [room.id]);
		expect(indRoom).toEqual({ name: 'Derma 1', in_service: true });
	});

	it('languages and opening hours save; a stale opening-hours save is refused', async () => {
		const saved = await api(server, manager)(`/api/v1/branches/${ind}/languages`, { method: 'PUT', json: { languages: ['hi', 'en'] } });
		expect(await saved.json()).toEqual({ branchId: ind, languages: ['hi', 'en'] });
		const hours = await (await api(server, reception)(`/api/v1/branches/${ind}/opening-hours`)).json();
		expect(hours.week).toMatchObject({ mon: { opens: '09:00', closes: '20:00' }, sat: { opens: '10:00', closes: '18:00' }, sun: null });
		const changed = await api(server, manager)(`/api/v1/branches/${ind}/opening-hours`, { method: 'PUT', json: { week: { ...hours.week, sat: null }, revision: hours.revision } });
		expect(changed.status).toBe(200);
		expect((await (await api(server, reception)(`/api/v1/branches/${ind}/opening-hours`)).json()).week.sat).toBeNull();
		const stale = await api(server, manager)(`/api/v1/branches/${ind}/opening-hours`, { method: 'PUT', json: { week: hours.week, revision: hours.revision } });
		expect(stale.status).toBe(409);
	});
});
