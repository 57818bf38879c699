import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { startOfLocalDay } from '../scheduling/zoned-time.ts';

const ROOMS = [
	{ name: 'Consult 1', type: 'consult' },
	{ name: 'Consult 2', type: 'consult' },
	{ name: 'Laser 1', type: 'laser' },
	{ name: 'Laser 2', type: 'laser' },
	{ name: 'Facial suite', type: 'facial' },
	{ name: 'Procedure theatre', type: 'theatre' }
];
const DEVICES = [
	{ name: 'Diode laser (Soprano)', type: 'diode-laser', room: 'Laser 1' },
	{ name: 'Q-switched Nd:YAG', type: 'qswitch-laser', room: 'Laser 2' },
	{ name: 'IPL machine', type: 'ipl', room: 'Laser 2' }
];
/** Durations, buffers and prices (INR) as a Bengaluru skin clinic would set them. */
const SERVICES = [
	{ name: 'Dermatology consultation', category: 'consultation', duration: 15, buffer: 0, rupees: 800, tax: 0, room: 'consult', devices: [] as string[], who: ['doctor'] },
	{ name: 'Follow-up visit', category: 'follow-up', duration: 10, buffer: 0, rupees: 400, tax: 0, room: 'consult', devices: [], who: ['doctor'] },
	{ name: 'Laser hair removal (underarms)', category: 'laser', duration: 30, buffer: 10, rupees: 2500, tax: 1800, room: 'laser', devices: ['diode-laser'], who: ['doctor', 'therapist'] },
	{ name: 'Laser toning (face)', category: 'laser', duration: 30, buffer: 10, rupees: 4500, tax: 1800, room: 'laser', devices: ['qswitch-laser'], who: ['doctor'] },
	{ name: 'IPL photofacial', category: 'laser', duration: 45, buffer: 15, rupees: 5000, tax: 1800, room: 'laser', devices: ['ipl'], who: ['doctor', 'therapist'] },
	{ name: 'Chemical peel (glycolic)', category: 'peel', duration: 30, buffer: 10, rupees: 3000, tax: 1800, room: 'facial', devices: [], who: ['doctor', 'therapist'] },
	{ name: 'HydraFacial', category: 'facial', duration: 45, buffer: 15, rupees: 4000, tax: 1800, room: 'facial', devices: [], who: ['therapist'] },
	{ name: 'Botulinum toxin (forehead)', category: 'injectable', duration: 20, buffer: 10, rupees: 12000, tax: 1800, room: 'consult', devices: [], who: ['doctor'] },
	{ name: 'Mole excision', category: 'surgery', duration: 45, buffer: 15, rupees: 7500, tax: 0, room: 'theatre', devices: [], who: ['doctor'] }
];

/**
 * Rooms, devices, services and working hours for the demo hospital, once; and, on every start of
 * a demo, a day of appointments for today if it has none, so calendars and queue look alive.
 */
export async function seedDemoScheduling(orm: MikroORM, options: { queue: boolean } = { queue: true }): Promise<void> {
	await orm.em.fork().transactional(async (em) => {
		await em.execute('select pg_advisory_xact_lock(?)', [7_200_003]);
		const [hospital] = await em.execute<{ id: string }[]>('select id from hospital where is_demo limit 1');
		if (!hospital) return;
		const branches = await em.execute<{ id: string; code: string; time_zone: string }[]>('select id, code, time_zone from branch where hospital_id = ? order by code', [hospital.id]);
		const staff = await em.execute<{ id: string; email: string }[]>("select id, email from app_user where hospital_id = ? and email in ('doctor@demo.skinspire.app', 'therapist@demo.skinspire.app', 'admin@demo.skinspire.app')", [hospital.id]);
		const idOf = (who: string) => staff.find((s) => s.email.startsWith(`${who}@`))?.id;
		const [existing] = await em.execute<{ n: number }[]>('select count(*)::int as n from clinic_service where hospital_id = ?', [hospital.id]);
		if (!existing!.n) {
			for (const b of branches) {
				for (const [i, r] of ROOMS.entries()) {
					await em.execute('insert into room (id, hospital_id, branch_id, name, type, in_service, sort_order, created_at, version) values (gen_random_uuid(), ?, ?, ?, ?, true, ?, now(), 1)', [hospital.id, b.id, r.name, r.type, i], 'run');
				}
				for (const d of DEVICES) {
					await em.execute(
						`insert into device (id, hospital_id, branch_id, name, type, room_id, in_service, created_at, version)
						 values (gen_random_uuid(), ?, ?, ?, ?, (select id from room where branch_id = ? and name = ?), true, now(), 1)`,
						[hospital.id, b.id, d.name, d.type, b.id, d.room],
						'run'
					);
				}
			}
			for (const s of SERVICES) {
				const [row] = await em.execute<{ id: string }[]>(
					`insert into clinic_service (id, hospital_id, name, category, duration_minutes, buffer_minutes, price_paise, tax_rate_bp, room_type, device_types, active, created_at, version)
					 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, true, now(), 1) returning id`,
					[hospital.id, s.name, s.category, s.duration, s.buffer, s.rupees * 100, s.tax, s.room, `{${s.devices.join(',')}}`]
				);
				for (const who of s.who) {
					const userId = idOf(who);
					if (userId) await em.execute('insert into service_practitioner (service_id, user_id) values (?, ?)', [row!.id, userId], 'run');
				}
			}
			// The doctor: Monday to Saturday at Indiranagar, lunch 13:30–14:30; the therapist all day.
			const ind = branches.find((b) => b.code === 'IND')!;
			for (const [who, hours] of [
				['doctor', [['10:00', '19:00']]],
				['therapist', [['09:00', '18:00']]]
			] as const) {
				const userId = idOf(who);
				if (!userId) continue;
				for (let weekday = 1; weekday <= 6; weekday++) {
					for (const [from, to] of hours) {
						await em.execute(`insert into working_hours (id, hospital_id, branch_id, user_id, weekday, starts_at, ends_at, kind) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, 'work')`, [hospital.id, ind.id, userId, weekday, from, weekday === 6 ? '17:00' : to], 'run');
					}
					await em.execute(`insert into working_hours (id, hospital_id, branch_id, user_id, weekday, starts_at, ends_at, kind) values (gen_random_uuid(), ?, ?, ?, ?, '13:30', '14:30', 'break')`, [hospital.id, ind.id, userId, weekday], 'run');
				}
			}
		}

		// A day of appointments at Indiranagar for today, if there are none yet.
		const ind = branches.find((b) => b.code === 'IND');
		const doctor = idOf('doctor');
		if (!ind || !doctor) return;
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: ind.time_zone }).format(new Date());
		const dayStart = startOfLocalDay(ind.time_zone, today);
		const [any] = await em.execute<{ n: number }[]>('select count(*)::int as n from appointment where branch_id = ? and starts_at >= ? and starts_at < ?', [ind.id, new Date(dayStart), new Date(dayStart + 86_400_000)]);
		if (any!.n) return;
		const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
		if (weekday === 0) return;
		const patients = await em.execute<{ id: string }[]>('select id from patient where hospital_id = ? order by mrn limit 12', [hospital.id]);
		const consult = await em.execute<{ id: string }[]>("select id from clinic_service where hospital_id = ? and name = 'Dermatology consultation'", [hospital.id]);
		const rooms = await em.execute<{ id: string; name: string }[]>("select id, name from room where branch_id = ? and type = 'consult' order by sort_order", [ind.id]);
		if (!consult[0] || !rooms[0]) return;
		// Consultations every 30 minutes from 10:00, skipping lunch.
		const times = ['10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30'];
		for (const [i, time] of times.entries()) {
			const patient = patients[i];
			if (!patient) break;
			const [h, m] = time.split(':').map(Number) as [number, number];
			const start = dayStart + (h * 60 + m) * 60_000;
			await em.execute(
				`insert into appointment (id, hospital_id, branch_id, patient_id, service_id, practitioner_id, room_id, starts_at, ends_at, busy_until, status, created_by_id, created_at, updated_at, version)
				 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, now(), now(), 1)`,
				[hospital.id, ind.id, patient.id, consult[0].id, doctor, rooms[0].id, new Date(start), new Date(start + 15 * 60_000), new Date(start + 15 * 60_000), doctor],
				'run'
			);
		}
		if (options.queue) await seedDemoQueue(em, { hospitalId: hospital.id, branchId: ind.id, day: today, doctor, patients: patients.map((p) => p.id) });
	});
}

/**
 * The waiting room as it would stand now: this morning's patients seen, the latest one with the
 * doctor, and two walk-ins and a procedure patient waiting, so the queue and the TV look alive.
 */
async function seedDemoQueue(em: EntityManager, d: { hospitalId: string; branchId: string; day: string; doctor: string; patients: string[] }): Promise<void> {
	const now = Date.now();
	const past = await em.execute<{ id: string; patient_id: string; service_id: string; room_id: string; starts_at: Date }[]>(
		`select id, patient_id, service_id, room_id, starts_at from appointment where branch_id = ? and practitioner_id = ? and starts_at <= ? and status = 'booked' order by starts_at`,
		[d.branchId, d.doctor, new Date(now)]
	);
	let n = 0;
	const insert = async (row: { patient: string; appointment: string | null; service: string | null; practitioner: string | null; prefix: string; status: string; room: string | null; checkedIn: number; called: number | null; started: number | null; finished: number | null }) => {
		n += 1;
		const [counter] = await em.execute<{ last: number }[]>(
			`insert into queue_token_counter (branch_id, day, prefix, last) values (?, ?, ?, 1) on conflict (branch_id, day, prefix) do update set last = queue_token_counter.last + 1 returning last`,
			[d.branchId, d.day, row.prefix]
		);
		const at = (t: number | null) => (t === null ? null : new Date(t));
		await em.execute(
			`insert into queue_entry (id, hospital_id, branch_id, day, token, prefix, number, patient_id, appointment_id, service_id, practitioner_id, status, priority, position, room_id, called_by_id, checked_in_at, called_at, started_at, finished_at, created_by_id, version)
			 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			[d.hospitalId, d.branchId, d.day, `${row.prefix}-${String(counter!.last).padStart(3, '0')}`, row.prefix, counter!.last, row.patient, row.appointment, row.service, row.practitioner, row.status, n, row.room, row.called ? d.doctor : null, at(row.checkedIn), at(row.called), at(row.started), at(row.finished), d.doctor],
			'run'
		);
	};
	for (const [i, a] of past.entries()) {
		const start = new Date(a.starts_at).getTime();
		const last = i === past.length - 1 && now - start < 30 * 60_000;
		const status = last ? 'in-service' : 'done';
		await insert({ patient: a.patient_id, appointment: a.id, service: a.service_id, practitioner: d.doctor, prefix: 'C', status, room: a.room_id, checkedIn: start - 12 * 60_000, called: start + 60_000, started: start + 2 * 60_000, finished: last ? null : start + (12 + (i % 5)) * 60_000 });
		await em.execute(`update appointment set status = ?, updated_at = now(), version = version + 1 where id = ?`, [last ? 'in-consultation' : 'completed', a.id], 'run');
	}
	const [consult] = await em.execute<{ id: string }[]>("select id from clinic_service where hospital_id = ? and name = 'Dermatology consultation'", [d.hospitalId]);
	const [peel] = await em.execute<{ id: string }[]>("select id from clinic_service where hospital_id = ? and name = 'Chemical peel (glycolic)'", [d.hospitalId]);
	// Patients without an appointment today: they walked in.
	const waiting = (await em.execute<{ id: string }[]>('select id from patient where hospital_id = ? and not (id = any(?::uuid[])) order by mrn limit 3', [d.hospitalId, `{${d.patients.join(',')}}`])).map((p) => p.id);
	if (waiting.length < 3 || !consult || !peel) return;
	await insert({ patient: waiting[0]!, appointment: null, service: consult.id, practitioner: null, prefix: 'C', status: 'waiting', room: null, checkedIn: now - 9 * 60_000, called: null, started: null, finished: null });
	await insert({ patient: waiting[1]!, appointment: null, service: peel.id, practitioner: null, prefix: 'P', status: 'waiting', room: null, checkedIn: now - 6 * 60_000, called: null, started: null, finished: null });
	await insert({ patient: waiting[2]!, appointment: null, service: consult.id, practitioner: null, prefix: 'C', status: 'waiting', room: null, checkedIn: now - 3 * 60_000, called: null, started: null, finished: null });
}
