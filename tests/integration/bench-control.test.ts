import { describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer } from '../support/server.ts';
import { api, login } from '../support/clients.ts';

// The booking bench's raw-SQL control endpoint books without signing in. It must not exist in a
// normal run, and a server asked for it on anything but a demo database must refuse to start.

const CONTROL = '/__bench/control/appointments';
const RECORDS = '/__bench/control/appointments-with-records';

describe('the booking bench control endpoint', () => {
	it('is not there without BENCH_CONTROL_ENDPOINT=1, and books on a demo database with it', async () => {
		const databaseUrl = await createDatabase();
		const plain = await startServer({ databaseUrl });
		let body: object;
		try {
			const session = await login(plain, 'reception@demo.skinspire.app');
			const ind = session.branch('IND').id;
			const call = api(plain, session);
			const service = (await (await call(`/api/v1/branches/${ind}/services`)).json()).items.find((s: { name: string }) => s.name === 'Dermatology consultation');
			const slot = (await (await call(`/api/v1/branches/${ind}/slots?serviceId=${service.id}&from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 8 * 86_400_000).toISOString())}`)).json()).items[0];
			const [patient] = (await (await call('/api/v1/patients?pageSize=1')).json()).items;
			body = { patientId: patient.id, serviceId: service.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start };
			expect((await api(plain)(CONTROL, { method: 'POST', json: body })).status).toBe(404);
			expect((await api(plain)(RECORDS, { method: 'POST', json: body })).status).toBe(404);
		} finally {
			await plain.stop();
		}
		const counts = async () =>
			(
				await query<{ appointments: number; history: number; audit: number }>(
					databaseUrl,
					`select (select count(*)::int from appointment) as appointments, (select count(*)::int from appointment_event) as history,
					        (select count(*)::int from audit_event where action = 'appointment.booked') as audit`
				)
			)[0]!;
		const before = await counts();
		let second: object;

		const bench = await startServer({ databaseUrl, env: { BENCH_CONTROL_ENDPOINT: '1' } });
		try {
			const first = await api(bench)(CONTROL, { method: 'POST', json: body });
			expect(first.status).toBe(201);
			// The same exclusion constraints answer the control too.
			expect((await api(bench)(CONTROL, { method: 'POST', json: body })).status).toBe(409);
			expect((await api(bench)(RECORDS, { method: 'POST', json: body })).status).toBe(409);
			// The records control books with the records a booking leaves: history and audit too.
			second = { ...body, start: new Date(Date.parse((body as { start: string }).start) + 7 * 86_400_000).toISOString() };
			expect((await api(bench)(RECORDS, { method: 'POST', json: second })).status).toBe(201);
			expect((await api(bench)(RECORDS, { method: 'POST', json: second })).status).toBe(409);
			expect((await api(bench)(RECORDS, { method: 'POST', json: { ...second, roomId: 'not-a-room' } })).status).toBe(400);
		} finally {
			await bench.stop();
		}
		const after = await counts();
		expect(after).toEqual({ appointments: before.appointments + 2, history: before.history + 1, audit: before.audit + 1 });
	});

	it('stops the server from starting on a database that is not a demo one', async () => {
		const databaseUrl = await createDatabase();
		const server = await startServer({ databaseUrl, env: { SEED_DEMO: 'false', BENCH_CONTROL_ENDPOINT: '1' }, waitForReady: false });
		expect(await server.exited).toBe(1);
		expect(server.output()).toMatch(/BENCH_CONTROL_ENDPOINT=1 is only for `npm run bench:booking` on its own demo database/);
	});
});
