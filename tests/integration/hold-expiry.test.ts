import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session } from '../support/clients.ts';

/** Holds last SLOT_HOLD_SECONDS; here two seconds, so a test can watch one lapse. */
let server: TestServer;
let reception: Session;
let manager: Session;
let ind: string;

beforeAll(async () => {
	server = await startServer({ databaseUrl: await createDatabase(), env: { SLOT_HOLD_SECONDS: '2' } });
	[reception, manager] = await Promise.all([login(server, 'reception@demo.skinspire.app'), login(server, 'manager@demo.skinspire.app')]);
	ind = reception.branch('IND').id;
});
afterAll(async () => {
	await server?.stop();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00');

it('a hold on one desk is seen at another desk, blocks it, and lapses by itself when the first desk walks away', async () => {
	const services = (await (await api(server, reception)(`/api/v1/branches/${ind}/services`)).json()).items;
	const consultation = services.find((s: { name: string }) => s.name === 'Dermatology consultation');
	const [patient] = (await (await api(server, manager)('/api/v1/patients?pageSize=1')).json()).items;
	const slot = (await (await api(server, reception)(`/api/v1/branches/${ind}/slots?serviceId=${consultation.id}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(8))}`)).json()).items[3];
	const desk = await connectSocket(server, manager);
	const seen = record(desk, 'hold.changed');

	const held = await api(server, reception)(`/api/v1/branches/${ind}/holds`, { method: 'POST', json: { serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start } });
	expect(held.status).toBe(201);
	const hold = await held.json();
	await waitFor(() => seen.some((e) => e.hold?.id === hold.id), 3000, 'the other desk to see the hold');
	const lapse = Date.parse(seen.find((e) => e.hold?.id === hold.id)!.hold!.expiresAt);
	expect(lapse - Date.now()).toBeLessThanOrEqual(2500);

	const booking = { patientId: patient.id, serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start };
	expect((await api(server, manager)('/api/v1/appointments', { method: 'POST', json: booking })).status).toBe(409);
	const listHolds = async () => (await (await api(server, manager)(`/api/v1/branches/${ind}/appointments?from=${encodeURIComponent(inDays(0))}&to=${encodeURIComponent(inDays(9))}`)).json()).holds as { id: string }[];
	expect((await listHolds()).map((h) => h.id)).toContain(hold.id);

	// Reception walks away without booking or releasing: after the hold's time it is simply gone.
	await sleep(Math.max(0, lapse - Date.now()) + 300);
	expect((await listHolds()).map((h) => h.id)).not.toContain(hold.id);
	const slots = (await (await api(server, manager)(`/api/v1/branches/${ind}/slots?serviceId=${consultation.id}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(8))}`)).json()).items;
	expect(slots.map((s: { start: string }) => s.start)).toContain(slot.start);
	expect((await api(server, manager)('/api/v1/appointments', { method: 'POST', json: booking })).status).toBe(201);
	desk.disconnect();
});
