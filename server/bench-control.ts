// The booking bench's controls (`npm run bench:booking`), in the same process as the app they are
// compared to and behind the same Express layers:
// - BENCH_CONTROL_PATH: the same appointment row as POST /api/v1/appointments, inserted by one raw
//   SQL statement on a plain pg pool — no session, permission, ORM, slot rules, history, outbox or
//   audit. What is left is Express, JSON and PostgreSQL with its exclusion constraints.
// - BENCH_RECORDS_PATH: the same row plus the records every booking must leave, written by the
//   app's own statements in the app's single write round trip: the resource locks, the history
//   entry, the screens' outbox event, the audit chain's append and its durable commit. Still no
//   session, permission, rule check or read. It measures the most any booking that keeps those
//   records could reach against the first control on this machine.
//
// Mounted only when BENCH_CONTROL_ENDPOINT=1 AND the database holds the demo hospital (whose
// passwords are published, so no real clinic runs on one); server/index.ts refuses to start with
// the variable set on any other database. Nothing here is loaded otherwise.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import pg from 'pg';
import { auditAppendStatements } from '../src/lib/server/audit/audit.service.ts';
import { BEGIN, COMMIT, COMMIT_WITHOUT_WAITING, runInOneRoundTrip } from '../src/lib/server/db/one-round-trip.ts';
import { outboxRowStatement } from '../src/lib/server/realtime/outbox.ts';
import { rooms } from '../src/lib/shared/realtime/events.ts';
import { appointmentInsert, resourceLocks } from '../src/lib/server/scheduling/booking-write.ts';

export const BENCH_CONTROL_PATH = '/__bench/control/appointments';
export const BENCH_RECORDS_PATH = '/__bench/control/appointments-with-records';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readBody(req: Request): Promise<string> {
	return new Promise((resolve, reject) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => resolve(body));
		req.on('error', reject);
	});
}

/** A handler for BENCH_CONTROL_PATH, on its own pool as large as the app's. */
export function createBenchControl(databaseUrl: string, poolMax = 10) {
	const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
	const handler = async (req: Request, res: Response) => {
		const input = await readBooking(req, res);
		if (!input) return;
		const { patientId, serviceId, practitionerId, roomId, start } = input;
		try {
			// End and clean-up from the service, branch and hospital from the room: the columns the app writes.
			const { rows } = await pool.query<{ id: string }>(
				`insert into appointment (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, room_id, starts_at, ends_at, busy_until, status, created_by_id, created_at, updated_at, version)
				 select gen_random_uuid(), r.hospital_id, r.branch_id, $1, s.id, $3, r.id, $5::timestamptz,
				        $5::timestamptz + s.duration_minutes * interval '1 minute', $5::timestamptz + (s.duration_minutes + s.buffer_minutes) * interval '1 minute',
				        'booked', $3, now(), now(), 1
				 from room r join clinic_service s on s.id = $2 and s.hospital_id = r.hospital_id where r.id = $4
				 returning id`,
				[patientId, serviceId, practitionerId, roomId, start]
			);
			if (!rows[0]) res.status(400).json({ code: 'VALIDATION_FAILED' });
			else res.status(201).json({ id: rows[0].id });
		} catch (e) {
			if ((e as { code?: string }).code === '23P01') res.status(409).json({ code: 'SLOT_TAKEN' });
			else res.status(500).json({ code: 'INTERNAL' });
		}
	};
	return { handler, close: () => pool.end() };
}

type BookingBody = { patientId: string; serviceId: string; practitionerId: string; roomId: string; start: string };

/** The body both controls take, or null (after answering 400) when it is not one. */
async function readBooking(req: Request, res: Response): Promise<BookingBody | null> {
	let input: Record<string, unknown>;
	try {
		input = JSON.parse(await readBody(req));
	} catch {
		res.status(400).json({ code: 'MALFORMED_JSON' });
		return null;
	}
	const { patientId, serviceId, practitionerId, roomId, start } = input;
	if (![patientId, serviceId, practitionerId, roomId].every((v) => typeof v === 'string' && UUID.test(v)) || typeof start !== 'string' || Number.isNaN(Date.parse(start))) {
		res.status(400).json({ code: 'VALIDATION_FAILED' });
		return null;
	}
	return input as BookingBody;
}

/**
 * A handler for BENCH_RECORDS_PATH on the app's own pool. Rooms and services are read once and
 * remembered (the bench never changes them), so no request reads anything: what is measured is
 * the write alone.
 */
export function createRecordsControl(orm: MikroORM) {
	const roomsById = new Map<string, Promise<{ hospital_id: string; branch_id: string } | undefined>>();
	const servicesById = new Map<string, Promise<{ duration_minutes: number; buffer_minutes: number } | undefined>>();
	const once = <T>(cache: Map<string, Promise<T | undefined>>, id: string, sql: string) => {
		let found = cache.get(id);
		if (!found) cache.set(id, (found = orm.em.fork().execute<T[]>(sql, [id]).then((rows) => rows[0])));
		return found;
	};
	const handler = async (req: Request, res: Response) => {
		const input = await readBooking(req, res);
		if (!input) return;
		const [room, service] = await Promise.all([
			once(roomsById, input.roomId, 'select hospital_id, branch_id from room where id = ?'),
			once(servicesById, input.serviceId, 'select duration_minutes, buffer_minutes from clinic_service where id = ?')
		]);
		if (!room || !service) {
			res.status(400).json({ code: 'VALIDATION_FAILED' });
			return;
		}
		const start = Date.parse(input.start);
		const slot = {
			start,
			end: start + service.duration_minutes * 60_000,
			occupiedUntil: start + (service.duration_minutes + service.buffer_minutes) * 60_000,
			practitionerId: input.practitionerId,
			roomId: input.roomId,
			deviceIds: []
		};
		const id = randomUUID();
		const audit = auditAppendStatements({ hospitalId: room.hospital_id, branchId: room.branch_id, actorUserId: input.practitionerId, actorLabel: 'bench', action: 'appointment.booked', targetType: 'appointment', targetId: id });
		try {
			await runInOneRoundTrip(orm, [
				BEGIN,
				COMMIT_WITHOUT_WAITING,
				...resourceLocks([slot]),
				appointmentInsert({ id, hospitalId: room.hospital_id, branchId: room.branch_id, patientId: input.patientId, serviceId: input.serviceId, slot, notes: null, seriesId: null, byUserId: input.practitionerId, event: { start: input.start } }),
				outboxRowStatement(rooms.schedule(room.branch_id), 'appointment.changed', { appointment: { id } } as never),
				audit.lock,
				audit.append,
				COMMIT,
				audit.ping
			]);
			res.status(201).json({ id });
		} catch (e) {
			const err = e as { code?: string; cause?: { code?: string } };
			if (err.code === '23P01' || err.cause?.code === '23P01') res.status(409).json({ code: 'SLOT_TAKEN' });
			else res.status(500).json({ code: 'INTERNAL' });
		}
	};
	return { handler };
}
