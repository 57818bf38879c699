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
import { isOverlap, toAppointmentDto } from '../src/lib/server/scheduling/booking.service.ts';
import type { AppointmentDto } from '../src/lib/shared/scheduling/appointment.schema.ts';

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
 * A handler for BENCH_RECORDS_PATH on the app's own pool. Rooms, services, patients and
 * practitioners are read once and remembered (the bench never changes them), so a request reads
 * nothing once they are known: what is measured is the write, with the same screens' event
 * (a whole appointment) as the app's.
 */
export function createRecordsControl(orm: MikroORM) {
	const remembered = new Map<string, Promise<Record<string, unknown> | undefined>>();
	const lookUp = async <T>(sql: string, id: string): Promise<T | undefined> => {
		const key = `${sql}|${id}`;
		let found = remembered.get(key);
		if (!found) remembered.set(key, (found = orm.em.fork().execute<Record<string, unknown>[]>(sql, [id]).then((rows) => rows[0])));
		// A failed or empty lookup is asked again next time.
		const row = await found.catch((e: unknown) => (remembered.delete(key), Promise.reject(e)));
		if (!row) remembered.delete(key);
		return row as T | undefined;
	};
	const handler = async (req: Request, res: Response) => {
		const input = await readBooking(req, res);
		if (!input) return;
		try {
			const [room, service, patient, practitioner] = await Promise.all([
				lookUp<{ hospital_id: string; branch_id: string; name: string; time_zone: string }>('select r.hospital_id, r.branch_id, r.name, b.time_zone from room r join branch b on b.id = r.branch_id where r.id = ?', input.roomId),
				lookUp<{ name: string; category: AppointmentDto['service']['category']; duration_minutes: number; buffer_minutes: number }>('select name, category, duration_minutes, buffer_minutes from clinic_service where id = ?', input.serviceId),
				lookUp<{ full_name: string; mrn: string }>('select full_name, mrn from patient where id = ?', input.patientId),
				lookUp<{ name: string }>('select name from app_user where id = ?', input.practitionerId)
			]);
			if (!room || !service || !patient || !practitioner) {
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
			const appointment = toAppointmentDto({
				id,
				branch_id: room.branch_id,
				patient_id: input.patientId,
				patient_name: patient.full_name,
				mrn: patient.mrn,
				service_id: input.serviceId,
				service_name: service.name,
				category: service.category,
				duration_minutes: service.duration_minutes,
				practitioner_id: input.practitionerId,
				practitioner_name: practitioner.name,
				room_id: input.roomId,
				room_name: room.name,
				device_ids: [],
				starts_at: new Date(slot.start),
				ends_at: new Date(slot.end),
				busy_until: new Date(slot.occupiedUntil),
				status: 'booked',
				notes: null,
				version: 1,
				time_zone: room.time_zone
			});
			const audit = auditAppendStatements({ hospitalId: room.hospital_id, branchId: room.branch_id, actorUserId: input.practitionerId, actorLabel: 'bench', action: 'appointment.booked', targetType: 'appointment', targetId: id });
			await runInOneRoundTrip(orm, [
				BEGIN,
				COMMIT_WITHOUT_WAITING,
				...resourceLocks([slot]),
				appointmentInsert({ id, hospitalId: room.hospital_id, branchId: room.branch_id, patientId: input.patientId, serviceId: input.serviceId, slot, notes: null, seriesId: null, byUserId: input.practitionerId, event: { start: input.start } }),
				outboxRowStatement(rooms.schedule(room.branch_id), 'appointment.changed', { appointment, version: appointment.version }),
				audit.lock,
				audit.append,
				COMMIT,
				audit.ping
			]);
			res.status(201).json({ id });
		} catch (e) {
			if (isOverlap(e)) res.status(409).json({ code: 'SLOT_TAKEN' });
			else res.status(500).json({ code: 'INTERNAL' });
		}
	};
	return { handler };
}
