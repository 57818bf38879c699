// The booking bench's control (`npm run bench:booking`): the same appointment row as
// POST /api/v1/appointments, inserted by one raw SQL statement on a plain pg pool — no session,
// permission, ORM, slot rules, history, outbox or audit. What is left is the floor: Express, JSON
// and PostgreSQL with its exclusion constraints, in the same process as the app it is compared to.
//
// Mounted only when BENCH_CONTROL_ENDPOINT=1 AND the database holds the demo hospital (whose
// passwords are published, so no real clinic runs on one); server/index.ts refuses to start with
// the variable set on any other database. Nothing here is loaded otherwise.
import type { Request, Response } from 'express';
import pg from 'pg';

export const BENCH_CONTROL_PATH = '/__bench/control/appointments';

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
		let input: { patientId?: unknown; serviceId?: unknown; practitionerId?: unknown; roomId?: unknown; start?: unknown };
		try {
			input = JSON.parse(await readBody(req));
		} catch {
			res.status(400).json({ code: 'MALFORMED_JSON' });
			return;
		}
		const { patientId, serviceId, practitionerId, roomId, start } = input;
		if (![patientId, serviceId, practitionerId, roomId].every((v) => typeof v === 'string' && UUID.test(v)) || typeof start !== 'string' || Number.isNaN(Date.parse(start))) {
			res.status(400).json({ code: 'VALIDATION_FAILED' });
			return;
		}
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
