import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, waitFor, type Session } from '../support/clients.ts';
import { readMail } from '../support/mail.ts';

let server: TestServer;
let databaseUrl: string;
let dataDir: string;
let doctor: Session;
let reception: Session;
beforeAll(async () => {
	databaseUrl = await createDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-portal-'));
	server = await startServer({ databaseUrl, env: { DATA_DIR: dataDir } });
	doctor = await login(server, 'doctor@demo.skinspire.app');
	reception = await login(server, 'reception@demo.skinspire.app');
});
afterAll(async () => {
	await server?.stop();
});

const linkTo = (email: string) => readMail(dataDir).filter((m) => m.to === email).at(-1)?.text.match(/\/invite\/(\S+)/)?.[1];

describe('patient portal accounts', () => {
	it('staff invite a patient by email; the patient sets a password, sees only their own record and updates contact details and consents (audited, live at the clinic)', async () => {
		const p = await (await api(server, doctor)('/api/v1/patients', { method: 'POST', json: { fullName: 'Portal User', sex: 'female', phone: '9811122233', email: 'portal.user@example.com', consents: { photography: true } } })).json();
		const invite = await api(server, reception)(`/api/v1/patients/${p.id}/portal`, { method: 'POST' });
		expect(invite.status).toBe(200);
		expect((await invite.json()).state).toBe('invited');
		const token = linkTo('portal.user@example.com');
		expect(token).toBeTruthy();

		const accepted = await fetch(`${server.url}/api/v1/invitations/accept`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ token, password: 'my own long passphrase', confirm: 'my own long passphrase' })
		});
		expect(accepted.status).toBe(200);
		const patient = { cookie: accepted.headers.get('set-cookie')!.split(';')[0]! } as Session;
		expect((await (await api(server, reception)(`/api/v1/patients/${p.id}/portal`)).json()).state).toBe('active');

		const own = await (await api(server, patient)('/api/v1/portal/me')).json();
		expect(own).toMatchObject({ id: p.id, phone: '+919811122233', masked: false, consents: { photography: true, marketing: false } });

		// The clinic has the chart open; the patient's change reaches it at once.
		const socket = await connectSocket(server, doctor);
		await socket.emitWithAck('patient:watch', { patientId: p.id });
		const seen: string[] = [];
		socket.on('patient.changed', (e) => seen.push(`${e.by.name}:${e.patient.phone}:${e.patient.consents.marketing}`));
		const saved = await api(server, patient)('/api/v1/portal/me', { method: 'PATCH', json: { phone: '98111 22299', consents: { marketing: true }, version: own.version } });
		expect(saved.status).toBe(200);
		await waitFor(() => seen.length > 0, 3000, 'the chart to update');
		expect(seen[0]).toBe('Portal User:+919811122299:true');
		socket.disconnect();

		// Only contact details and consents: the name and clinical fields are the clinic's.
		const refused = await api(server, patient)('/api/v1/portal/me', { method: 'PATCH', json: { fullName: 'Someone Else', allergies: [], version: own.version + 1 } });
		expect(refused.status).toBe(400);
		expect(Object.keys((await refused.json()).errors).sort()).toEqual(['allergies', 'fullName']);

		const [audit] = await query<{ actor_label: string; after: { fields: string[]; consents: Record<string, boolean> } }>(
			databaseUrl,
			"select actor_label, after from audit_event where action = 'patient.self_updated' and target_id = $1",
			[p.id]
		);
		expect(audit!.actor_label).toBe('Portal User');
		expect(audit!.after.fields.sort()).toEqual(['consents', 'phone']);
		expect(audit!.after.consents.marketing).toBe(true);
		expect(JSON.stringify(audit)).not.toContain('9811122299');

		// Nothing of the staff side, and no other patient.
		for (const path of ['/api/v1/patients', `/api/v1/patients/${p.id}`, `/api/v1/patients/${p.id}/history`, '/api/v1/users', '/api/v1/roles']) {
			expect([403, 404], path).toContain((await api(server, patient)(path)).status);
		}
		expect((await fetch(`${server.url}/ind`, { headers: { cookie: patient.cookie }, redirect: 'manual' })).status).toBe(404);
		expect((await fetch(`${server.url}/`, { headers: { cookie: patient.cookie }, redirect: 'manual' })).headers.get('location')).toBe('/portal');
		expect((await api(server, doctor)('/api/v1/portal/me')).status).toBe(404);
	});

	it('says why an invitation cannot be sent: no email, or an address that signs someone else in', async () => {
		const noEmail = await (await api(server, doctor)('/api/v1/patients', { method: 'POST', json: { fullName: 'No Email', sex: 'male', phone: '9811122244' } })).json();
		const res = await api(server, reception)(`/api/v1/patients/${noEmail.id}/portal`, { method: 'POST' });
		expect(res.status).toBe(422);
		expect((await res.json()).detail).toMatch(/Add an email address/);
		const staffEmail = await (await api(server, doctor)('/api/v1/patients', { method: 'POST', json: { fullName: 'Staff Email', sex: 'male', phone: '9811122255', email: 'doctor@demo.skinspire.app' } })).json();
		const taken = await api(server, reception)(`/api/v1/patients/${staffEmail.id}/portal`, { method: 'POST' });
		expect(taken.status).toBe(422);
		expect((await taken.json()).detail).toMatch(/already signs in another account/);
		const [doctorRow] = await query(databaseUrl, "select patient_id from app_user where email = 'doctor@demo.skinspire.app'");
		expect(doctorRow!.patient_id).toBeNull();
	});
});
