import { query } from './database.ts';
import { api, type Session } from './clients.ts';
import type { AppointmentDto } from '../../src/lib/shared/scheduling/appointment.schema.ts';

/**
 * Today's still-booked appointments with the signed-in practitioner at a branch. The demo seeds a
 * day of them (not on Sundays); when there are fewer than `atLeast`, some are added straight into
 * the database late in the day (check-in only cares about the day, not the hour).
 */
export async function todaysAppointments(server: { url: string }, databaseUrl: string, practitioner: Session, branchId: string, atLeast = 4): Promise<AppointmentDto[]> {
	const load = async () => ((await (await api(server, practitioner)(`/api/v1/branches/${branchId}/my-day`)).json()).appointments as AppointmentDto[]).filter((a) => a.status === 'booked');
	const found = await load();
	if (found.length >= atLeast) return found;
	const [consult] = await query<{ id: string }>(databaseUrl, "select id from clinic_service where name = 'Dermatology consultation'");
	const [room] = await query<{ id: string }>(databaseUrl, "select id from room where branch_id = $1 and name = 'Consult 2'", [branchId]);
	const patients = await query<{ id: string }>(databaseUrl, 'select id from patient order by mrn desc limit $1', [atLeast]);
	for (const [i, p] of patients.entries()) {
		await query(
			databaseUrl,
			`insert into appointment (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, room_id, starts_at, ends_at, busy_until, status, created_by_id, created_at, updated_at, version)
			 select gen_random_uuid(), b.hospital_id, b.id, $2, $3, $4, $5, s.t, s.t + interval '15 minutes', s.t + interval '15 minutes', 'booked', $4, now(), now(), 1
			 from branch b, lateral (select ((now() at time zone b.time_zone)::date + time '21:00' + make_interval(mins => $6::int * 15)) at time zone b.time_zone as t) s where b.id = $1`,
			[branchId, p.id, consult!.id, practitioner.me.user.id, room!.id, i]
		);
	}
	return load();
}
