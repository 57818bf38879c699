import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, waitFor, type Session } from '../support/clients.ts';

let server: TestServer;
let databaseUrl: string;
let reception: Session;
let doctor: Session;
beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl });
	reception = await login(server, 'reception@demo.skinspire.app');
	doctor = await login(server, 'doctor@demo.skinspire.app');
});
afterAll(async () => {
	await server?.stop();
});

const SECRET_PHONE = '+919812345678';
const register = (session: Session, body: object) => api(server, session)('/api/v1/patients', { method: 'POST', json: body });

describe('registering and finding patients', () => {
	let id: string;
	let mrn: string;

	it('registers with the documented minimum, giving an id and a readable MRN of the branch', async () => {
		const res = await register(reception, { fullName: 'Sunita Varghese', dateOfBirth: '1988-04-12', sex: 'female', phone: '98123 45678', email: 'Sunita.V@example.com' });
		expect(res.status).toBe(201);
		const p = await res.json();
		expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(p.mrn).toMatch(/^IND-\d{6}$/);
		// Reception lacks patients:read-sensitive: even what it just typed comes back masked.
		expect(p.phone).toBe('•••••• 5678');
		expect(p.masked).toBe(true);
		id = p.id;
		mrn = p.mrn;
		const second = await (await register(reception, { fullName: 'Second Person', dateOfBirth: '1990-01-01', sex: 'male', phone: '98123 45679' })).json();
		expect(Number(second.mrn.slice(4))).toBe(Number(mrn.slice(4)) + 1);
	});

	it('a doctor sees the record in full, normalised (E.164 phone, lower-case email)', async () => {
		const p = await (await api(server, doctor)(`/api/v1/patients/${id}`)).json();
		expect(p).toMatchObject({ phone: SECRET_PHONE, email: 'sunita.v@example.com', masked: false, allergies: [], registeredAt: { code: 'IND' } });
	});

	it('finds the patient by a name prefix, a mistyped name, the full phone in any format, the email and the MRN', async () => {
		const find = async (q: string) => (await (await api(server, reception)(`/api/v1/patients?q=${encodeURIComponent(q)}`)).json()) as { items: { id: string }[]; matchedBy: string };
		for (const [q, by] of [
			['Suni', 'name'],
			['varg', 'name'],
			['Sunita Vargese', 'name'],
			['Sunitha Varghese', 'name'],
			['+91 98123 45678', 'phone'],
			['09812345678', 'phone'],
			['sunita.v@example.com', 'email'],
			[mrn.toLowerCase().replace('-', ''), 'mrn']
		] as const) {
			const found = await find(q);
			expect(found.matchedBy, q).toBe(by);
			expect(found.items.map((i) => i.id), q).toContain(id);
		}
		// One misspelt word on its own, corrected against the names the hospital has: a letter
		// missing, one too many, two swapped.
		for (const q of ['Vargese', 'Sunitta', 'Snuita']) expect((await find(q)).items.map((i) => i.id), q).toContain(id);
		// A word that is near no name finds nobody rather than anybody.
		expect((await find('Qwxzrt')).items).toEqual([]);
		// Part of a phone number finds nothing: encrypted fields are only matched whole.
		expect((await find('45678')).items.map((i) => i.id)).not.toContain(id);
	});

	it('warns of duplicates by phone, and by similar name with the same birth date', async () => {
		const check = async (body: object) => (await (await api(server, reception)('/api/v1/patients/duplicate-check', { method: 'POST', json: body })).json()).candidates as { id: string; reason: string }[];
		expect(await check({ phone: '9812345678' })).toEqual([expect.objectContaining({ id, reason: 'phone' })]);
		expect(await check({ fullName: 'Sunitha Vargese', dateOfBirth: '1988-04-12' })).toEqual([expect.objectContaining({ id, reason: 'name-and-birth-date' })]);
		expect(await check({ fullName: 'Sunita Varghese', dateOfBirth: '1999-04-12' })).toEqual([]);
	});

	it('refuses bad input field by field and stores nothing', async () => {
		const before = await query(databaseUrl, 'select count(*)::int as n from patient');
		const res = await register(reception, { fullName: 'Bad Input', dateOfBirth: '2999-01-01', sex: 'robot', phone: '12345', email: 'not-an-email', fitzpatrickType: 9 });
		expect(res.status).toBe(400);
		const problem = await res.json();
		expect(Object.keys(problem.errors).sort()).toEqual(['dateOfBirth', 'email', 'fitzpatrickType', 'phone', 'sex']);
		expect(problem.errors.dateOfBirth[0]).toBe('The date of birth cannot be in the future');
		expect(problem.errors.phone[0]).toMatch(/valid phone number/);
		expect(problem.errors.fitzpatrickType[0]).toMatch(/1 \(type I\) to 6/);
		expect(await query(databaseUrl, 'select count(*)::int as n from patient')).toEqual(before);
	});

	it('ignores a tenant or an id sent by the client', async () => {
		const [other] = await query(databaseUrl, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Elsewhere', true, now()) returning id");
		const res = await register(reception, { fullName: 'Mass Assignment', sex: 'male', phone: '9812000001', hospitalId: other!.id });
		expect(res.status).toBe(400);
		expect((await res.json()).errors.hospitalId).toEqual(['This field is not accepted here; leave it out']);
	});
});

describe('editing with versions', () => {
	it('refuses a stale save with the newer record, and never overwrites it', async () => {
		const p = await (await register(doctor, { fullName: 'Version Test', sex: 'female', phone: '9812000002' })).json();
		const first = await api(server, doctor)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { occupation: 'Teacher', version: p.version } });
		expect(first.status).toBe(200);
		const stale = await api(server, doctor)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { occupation: 'Engineer', version: p.version } });
		expect(stale.status).toBe(409);
		const problem = await stale.json();
		expect(problem.detail).toMatch(/someone else changed this patient/i);
		expect(problem.current.occupation).toBe('Teacher');
		expect((await (await api(server, doctor)(`/api/v1/patients/${p.id}`)).json()).occupation).toBe('Teacher');
	});

	it('reception cannot overwrite fields it may not see', async () => {
		const p = await (await register(doctor, { fullName: 'Masked Edit', sex: 'male', phone: '9812000003' })).json();
		const res = await api(server, reception)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { phone: '9812000004', version: p.version } });
		expect(res.status).toBe(403);
		const ok = await api(server, reception)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { preferredName: 'Max', version: p.version } });
		expect(ok.status).toBe(200);
	});
});

describe('encryption at rest', () => {
	it('a pg_dump of the database holds none of the encrypted values in plain text, and a tampered ciphertext fails to decrypt', async () => {
		const secrets = { phone: '+919877766554', email: 'secret.person@example.org', address: '221B Hidden Lane, Jayanagar', allergy: 'Unobtainium', medication: 'Secretamol 500', gov: '987654321012' };
		const created = await register(doctor, {
			fullName: 'Encrypted Person',
			sex: 'female',
			phone: secrets.phone,
			email: secrets.email,
			address: secrets.address,
			governmentId: { type: 'aadhaar', number: secrets.gov },
			allergies: [{ substance: secrets.allergy, severity: 'severe' }],
			medications: [secrets.medication]
		});
		expect(created.status).toBe(201);
		const p = await created.json();
		await api(server, doctor)(`/api/v1/patients/${p.id}/history`, { method: 'POST', json: { note: 'Confidential history note xyzzy' } });

		const dump = execFileSync('pg_dump', ['--data-only', databaseUrl], { maxBuffer: 200 * 1024 * 1024 }).toString();
		expect(dump).toContain('Encrypted Person');
		for (const plain of [...Object.values(secrets), '9877766554', 'Confidential history note xyzzy']) expect(dump, plain).not.toContain(plain);

		// Found by the blind index, though stored only as ciphertext.
		const found = await (await api(server, doctor)('/api/v1/patients?q=987%2077%2066554')).json();
		expect(found.items[0].id).toBe(p.id);

		const [row] = await query<{ phone_enc: string }>(databaseUrl, 'select phone_enc from patient where id = $1', [p.id]);
		const parts = row!.phone_enc.split('.');
		const body = Buffer.from(parts[3]!, 'base64url');
		body[0]! ^= 0xff;
		parts[3] = body.toString('base64url');
		await query(databaseUrl, 'update patient set phone_enc = $1 where id = $2', [parts.join('.'), p.id]);
		const res = await api(server, doctor)(`/api/v1/patients/${p.id}`);
		expect(res.status).toBe(500);
		expect(await res.text()).not.toContain(secrets.phone);
	});
});

describe('audit of patient data', () => {
	it('writes who looked at whom for every read, and which fields changed (never their values)', async () => {
		const p = await (await register(doctor, { fullName: 'Audited Person', sex: 'male', phone: '9812000005', medications: ['Isotretinoin'] })).json();
		await api(server, reception)(`/api/v1/patients/${p.id}`);
		await api(server, doctor)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { medications: ['Isotretinoin 20 mg'], version: p.version } });
		const rows = await query<{ action: string; actor_label: string; after: unknown }>(databaseUrl, "select action, actor_label, after from audit_event where target_type = 'patient' and target_id = $1 order by id", [p.id]);
		expect(rows.map((r) => [r.action, r.actor_label])).toEqual([
			['patient.registered', 'Dr Kavya Rao'],
			['patient.viewed', 'Priya Nair'],
			['patient.updated', 'Dr Kavya Rao']
		]);
		expect(JSON.stringify(rows)).not.toContain('Isotretinoin');
		expect((rows[2]!.after as { fields: string[] }).fields).toEqual(['medications']);
	});
});

describe('live, shared charts', () => {
	it('a change saved by one viewer reaches the others at once, each at their level; viewers see each other and presence ends with the tab', async () => {
		const p = await (await register(doctor, { fullName: 'Live Chart', sex: 'female', phone: '9812000006' })).json();
		const doctorSocket = await connectSocket(server, doctor);
		const receptionSocket = await connectSocket(server, reception);
		const outsider = await connectSocket(server, await login(server, 'reception2@demo.skinspire.app'));
		const seen: { who: string; phone: string | null; occupation: string | null }[] = [];
		const viewers: string[][] = [];
		doctorSocket.on('patient.changed', (e) => seen.push({ who: 'doctor', phone: e.patient.phone, occupation: e.patient.occupation }));
		receptionSocket.on('patient.changed', (e) => seen.push({ who: 'reception', phone: e.patient.phone, occupation: e.patient.occupation }));
		doctorSocket.on('patient.viewers', (e) => viewers.push(e.viewers.map((v) => v.name).sort()));
		outsider.on('patient.changed', () => seen.push({ who: 'outsider', phone: null, occupation: null }));

		expect((await doctorSocket.emitWithAck('patient:watch', { patientId: p.id })).ok).toBe(true);
		const ack = await receptionSocket.emitWithAck('patient:watch', { patientId: p.id });
		expect(ack.ok && ack.data.viewers.map((v) => v.name).sort()).toEqual(['Dr Kavya Rao', 'Priya Nair']);
		await waitFor(() => viewers.some((v) => v.length === 2), 3000, 'the doctor to see reception arrive');

		// Another hospital's patient does not exist for this socket.
		const [otherHospital] = await query(databaseUrl, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Far Away', true, now()) returning id");
		const [otherBranch] = await query(databaseUrl, "insert into branch (id, hospital_id, name, code, time_zone, opening_hours, created_at) values (gen_random_uuid(), $1, 'Far', 'FAR', 'Asia/Kolkata', '{}', now()) returning id", [otherHospital!.id]);
		const [foreign] = await query(databaseUrl, "insert into patient (id, hospital_id, mrn, registered_at_branch_id, full_name, sex, created_at, updated_at) values (gen_random_uuid(), $1, 'FAR-000001', $2, 'Foreign', 'male', now(), now()) returning id", [otherHospital!.id, otherBranch!.id]);
		const refused = await outsider.emitWithAck('patient:watch', { patientId: foreign!.id });
		expect(refused.ok || refused.error.code).toBe('NOT_FOUND');

		await api(server, doctor)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { occupation: 'Architect', version: p.version } });
		await waitFor(() => seen.length >= 2, 3000, 'both viewers to get the change');
		expect(seen.find((s) => s.who === 'doctor')).toEqual({ who: 'doctor', phone: '+919812000006', occupation: 'Architect' });
		expect(seen.find((s) => s.who === 'reception')).toEqual({ who: 'reception', phone: '•••••• 0006', occupation: 'Architect' });
		expect(seen.some((s) => s.who === 'outsider')).toBe(false);

		receptionSocket.disconnect();
		await waitFor(() => JSON.stringify(viewers.at(-1)) === JSON.stringify(['Dr Kavya Rao']), 3000, 'presence to end when the tab closes');
		doctorSocket.disconnect();
		outsider.disconnect();
	});
});

describe('a chart that leaves and comes back', () => {
	it('ends as the last command it sent says, however long each one takes on the server', async () => {
		const p = await (await register(doctor, { fullName: 'Order Matters', sex: 'male', phone: '9812000016' })).json();
		const doctorSocket = await connectSocket(server, doctor);
		const receptionSocket = await connectSocket(server, reception);
		const lastSeen: string[][] = [];
		doctorSocket.on('patient.viewers', (e) => lastSeen.push(e.viewers.map((v) => v.name).sort()));
		expect((await doctorSocket.emitWithAck('patient:watch', { patientId: p.id })).ok).toBe(true);

		// Sent back to back without waiting, as a page does when it closes a chart right after
		// opening it: the watch needs more queries than the unwatch, and must not finish last.
		const watched = receptionSocket.emitWithAck('patient:watch', { patientId: p.id });
		const left = receptionSocket.emitWithAck('patient:unwatch', { patientId: p.id });
		await Promise.all([watched, left]);
		const viewers = async () => {
			const ack = await doctorSocket.emitWithAck('patient:watch', { patientId: p.id });
			return ack.ok ? ack.data.viewers.map((v) => v.name).sort() : ack.error.code;
		};
		expect(await viewers()).toEqual(['Dr Kavya Rao']);

		// And the other way round, as a page does on every save it re-reads: it stays.
		const away = receptionSocket.emitWithAck('patient:unwatch', { patientId: p.id });
		const back = receptionSocket.emitWithAck('patient:watch', { patientId: p.id });
		await Promise.all([away, back]);
		expect(await viewers()).toEqual(['Dr Kavya Rao', 'Priya Nair']);
		receptionSocket.disconnect();
		await waitFor(() => JSON.stringify(lastSeen.at(-1)) === JSON.stringify(['Dr Kavya Rao']), 3000, 'presence to end when the tab closes');
		doctorSocket.disconnect();
	});
});

describe('registering at several desks at once', () => {
	it('gives each patient an MRN of its own, in order without gaps, and an audit row the chain still proves', async () => {
		const admin = await login(server, 'admin@demo.skinspire.app');
		const agent = (i: number) => `Desk\\${i} "O'Brien" browser`;
		const responses = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				api(server, reception)('/api/v1/patients', { method: 'POST', json: { fullName: `Desk Patient ${i}`, sex: 'female', phone: `98120100${String(i).padStart(2, '0')}` }, headers: { 'user-agent': agent(i) } })
			)
		);
		expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
		const patients = (await Promise.all(responses.map((r) => r.json()))) as { id: string; mrn: string; fullName: string }[];
		const numbers = patients.map((p) => Number(p.mrn.slice(4))).sort((a, b) => a - b);
		expect(new Set(numbers).size).toBe(12);
		expect(numbers.at(-1)! - numbers[0]!).toBe(11);

		const rows = await query<{ target_id: string; after: { mrn: string }; user_agent: string }>(
			databaseUrl,
			"select target_id, after, user_agent from audit_event where action = 'patient.registered' and target_id = any($1::text[])",
			[patients.map((p) => p.id)]
		);
		expect(rows.map((r) => [r.target_id, r.after.mrn, r.user_agent]).sort()).toEqual(patients.map((p) => [p.id, p.mrn, agent(Number(p.fullName.split(' ')[2]))]).sort());
		const report = await (await api(server, admin)('/api/v1/audit/verify', { method: 'POST' })).json();
		expect(report).toMatchObject({ ok: true, brokenAt: null });
	});

	it('answers a registration with the record exactly as it was stored', async () => {
		const full = {
			fullName: '  Complete Record ',
			preferredName: 'Comp',
			estimatedAge: 41,
			sex: 'other',
			phone: '98120 10077',
			email: 'Complete.Record@Example.com',
			address: '12 Lake View Road, Bengaluru',
			emergencyContact: { name: 'Kin', phone: '9812010078', relation: 'sister' },
			occupation: 'Potter',
			referralSource: 'Friend',
			preferredLanguage: 'kn',
			governmentId: { type: 'pan', number: 'ABCDE1234F' },
			fitzpatrickType: 5,
			skinConcerns: ['acne', 'melasma'],
			allergies: [{ substance: 'Latex', severity: 'moderate' }],
			medications: [],
			conditions: ['Asthma'],
			consents: { photography: true, sms: true }
		};
		for (const [session, body] of [
			[doctor, full],
			[reception, { fullName: 'Minimal Record', sex: 'unknown', phone: '9812010079', email: null }]
		] as const) {
			const answer = await (await register(session, body)).json();
			const stored = await (await api(server, session)(`/api/v1/patients/${answer.id}`)).json();
			expect(answer).toEqual(stored);
		}
	});

	it('writes an MRN past 999999 with every digit, and finds the patient by it', async () => {
		await query(databaseUrl, "update mrn_counter set last_value = 999999 where prefix = 'IND'");
		const p = await (await register(reception, { fullName: 'Millionth Patient', sex: 'male', phone: '9812010099' })).json();
		expect(p.mrn).toBe('IND-1000000');
		const found = await (await api(server, reception)('/api/v1/patients?q=ind1000000')).json();
		expect(found.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
	});
});
