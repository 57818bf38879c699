import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, login, sleep, waitFor, type Session } from '../support/clients.ts';
import { readMail } from '../support/mail.ts';

/**
 * Two app nodes on one database (and one DATA_DIR, so one demo mailbox and one SMS file), each
 * polling for jobs every 200 ms: every reminder must go out once, by whichever node claims it.
 */
const redisUrl = inject('redisUrl');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-reminders-'));
let databaseUrl: string;
let nodes: TestServer[] = [];
let reception: Session;
let admin: Session;
let ind: string;
let consultationId: string;
const run = Date.now() % 1_000_000;

beforeAll(async () => {
	databaseUrl = await createDatabase();
	// A 15-minute lead: nothing booked days ahead is due until the hospital asks for more.
	const env = { DATA_DIR: dataDir, JOB_POLL_MS: '200', REMINDER_LEAD_MINUTES: '15' };
	// One after the other: the first migrates and seeds the database.
	nodes.push(await startServer({ databaseUrl, redisUrl, env }));
	nodes.push(await startServer({ databaseUrl, redisUrl, env }));
	reception = await login(nodes[0]!, 'reception@demo.skinspire.app');
	admin = await login(nodes[1]!, 'admin@demo.skinspire.app');
	ind = reception.branch('IND').id;
	const services = (await (await api(nodes[0]!, reception)(`/api/v1/branches/${ind}/services`)).json()).items as { id: string; name: string }[];
	consultationId = services.find((s) => s.name === 'Dermatology consultation')!.id;
});
afterAll(async () => {
	for (const node of nodes) await node.kill();
	nodes = [];
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00');
const smsLines = (): { to: string; body: string }[] => {
	const file = path.join(dataDir, 'sms-outbox.jsonl');
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
};
const mailsTo = (email: string) => readMail(dataDir).filter((m) => m.to === email);
const smsTo = (phone: string) => smsLines().filter((s) => s.to.replace(/\D/g, '').endsWith(phone));

interface Booked {
	appointmentId: string;
	version: number;
	start: string;
	email: string;
	phone: string;
}

let patientNo = 0;
/** A patient registered through the API (on either node), booked into the first free consultation slot. */
async function bookPatient(opts: { consents: { email: boolean; sms: boolean }; preferredLanguage?: string; via?: TestServer }): Promise<Booked> {
	const node = opts.via ?? nodes[patientNo % 2]!;
	patientNo++;
	const email = `reminder-${run}-${patientNo}@example.com`;
	const phone = `98${String(run * 100 + patientNo).padStart(8, '0')}`;
	const created = await api(node, reception)('/api/v1/patients', {
		method: 'POST',
		json: { fullName: `Reminder Patient ${patientNo} ${run}`, sex: 'female', phone, email, preferredLanguage: opts.preferredLanguage, consents: { photography: false, ...opts.consents } }
	});
	expect(created.status).toBe(201);
	const patient = await created.json();
	const slots = (await (await api(node, reception)(`/api/v1/branches/${ind}/slots?serviceId=${consultationId}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(8))}`)).json()).items;
	const slot = slots[0];
	const res = await api(node, reception)('/api/v1/appointments', {
		method: 'POST',
		json: { patientId: patient.id, serviceId: consultationId, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start }
	});
	expect(res.status).toBe(201);
	const appointment = await res.json();
	return { appointmentId: appointment.id, version: appointment.version, start: appointment.start, email, phone };
}

async function jobsFor(appointmentIds: string[]) {
	return query<{ status: string; done_by: string | null; last_error: string | null; payload: { appointmentId: string; sent?: string[] } }>(
		databaseUrl,
		"select status, done_by, last_error, payload from scheduled_job where kind = 'reminder' and payload->>'appointmentId' = any($1::text[]) order by id",
		[appointmentIds]
	);
}

describe('appointment reminders with two nodes', () => {
	let consenting: Booked[] = [];
	let hindi: Booked;
	let silent: Booked;
	let cancelled: Booked;

	it('the lead time is a hospital setting: validated, and until it reaches them nothing is sent', async () => {
		consenting = [];
		for (let i = 0; i < 6; i++) consenting.push(await bookPatient({ consents: { email: true, sms: true } }));
		hindi = await bookPatient({ consents: { email: true, sms: false }, preferredLanguage: 'Hindi' });
		silent = await bookPatient({ consents: { email: false, sms: false } });
		cancelled = await bookPatient({ consents: { email: true, sms: true } });
		const cancel = await api(nodes[0]!, reception)(`/api/v1/appointments/${cancelled.appointmentId}/cancel`, { method: 'POST', json: { reason: 'Patient travelling', version: cancelled.version } });
		expect(cancel.status).toBe(200);

		await sleep(600); // three polls of each node
		expect(await jobsFor([...consenting, hindi, silent, cancelled].map((b) => b.appointmentId))).toEqual([]);

		const settings = await (await api(nodes[1]!, admin)('/api/v1/hospital/settings')).json();
		expect(settings).toMatchObject({ reminderLeadMinutes: null, defaultReminderLeadMinutes: 15 });
		const tooSoon = await api(nodes[1]!, admin)('/api/v1/hospital/settings', { method: 'PATCH', json: { reminderLeadMinutes: 5, version: settings.version } });
		expect(tooSoon.status).toBe(400);
		expect((await tooSoon.json()).errors.reminderLeadMinutes).toEqual(['At least 15 minutes']);
		expect((await api(nodes[0]!, reception)('/api/v1/hospital/settings', { method: 'PATCH', json: { reminderLeadMinutes: 20160, version: settings.version } })).status).toBe(403);
		const saved = await api(nodes[1]!, admin)('/api/v1/hospital/settings', { method: 'PATCH', json: { reminderLeadMinutes: 20160, version: settings.version } });
		expect(saved.status).toBe(200);
		// The idle timeout, left out, stays as it was.
		expect(await saved.json()).toMatchObject({ reminderLeadMinutes: 20160, sessionIdleMinutes: settings.sessionIdleMinutes, version: settings.version + 1 });
	});

	it('sends each reminder exactly once, by whichever node claims it', async () => {
		const expected = [...consenting, hindi, silent];
		await waitFor(async () => {
			const jobs = await jobsFor(expected.map((b) => b.appointmentId));
			return jobs.length === expected.length && jobs.every((j) => j.status !== 'pending');
		}, 20_000, 'every reminder job to run');
		// Both nodes keep polling: give them several more rounds to (wrongly) send again.
		await sleep(1000);

		for (const b of [...consenting, hindi]) expect(mailsTo(b.email), b.email).toHaveLength(1);
		for (const b of consenting) expect(smsTo(b.phone), b.phone).toHaveLength(1);
		const jobs = await jobsFor(expected.map((b) => b.appointmentId));
		expect(jobs).toHaveLength(expected.length); // one job per appointment, however many nodes planned
		expect(jobs.filter((j) => j.status === 'done')).toHaveLength(consenting.length + 1);
		const doneBy = new Set(jobs.map((j) => j.done_by));
		expect(doneBy.size).toBeGreaterThanOrEqual(1);
		console.info(`reminder jobs were run by ${doneBy.size} node(s): ${[...doneBy].join(', ')}`);

		// What the patient reads: service, practitioner, branch and the time on the branch's clock.
		const [mail] = mailsTo(consenting[0]!.email);
		const start = new Date(consenting[0]!.start);
		const time = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', hour: 'numeric', minute: '2-digit' }).format(start);
		expect(mail!.subject).toMatch(/^Reminder: your appointment at Indiranagar on /);
		expect(mail!.text).toContain('Dermatology consultation with Dr Kavya Rao');
		expect(mail!.text).toContain(time);
		expect(smsTo(consenting[0]!.phone)[0]!.body).toContain(time);
		// In the patient's own language.
		expect(mailsTo(hindi.email)[0]!.subject).toMatch(/^याद दिलाना: .* को Indiranagar में आपका अपॉइंटमेंट$/);
		expect(smsTo(hindi.phone)).toEqual([]); // no SMS consent
	});

	it('a patient who agreed to neither email nor SMS gets nothing', async () => {
		expect(mailsTo(silent.email)).toEqual([]);
		expect(smsTo(silent.phone)).toEqual([]);
		const [job] = await jobsFor([silent.appointmentId]);
		expect(job).toMatchObject({ status: 'skipped', last_error: 'no contact the patient agreed to' });
	});

	it('a cancelled appointment gets no reminder, even when its job was planned before the cancellation', async () => {
		expect(mailsTo(cancelled.email)).toEqual([]);
		expect(await jobsFor([cancelled.appointmentId])).toEqual([]); // never planned
		// As if a node had planned it just before the desk cancelled.
		const startsMs = new Date(cancelled.start).getTime();
		await query(
			databaseUrl,
			`insert into scheduled_job (kind, dedupe_key, payload, run_at, created_at) values ('reminder', $1, $2::jsonb, now(), now())`,
			[`reminder:${cancelled.appointmentId}:${startsMs}`, JSON.stringify({ appointmentId: cancelled.appointmentId, startsAtMs: startsMs })]
		);
		await waitFor(async () => (await jobsFor([cancelled.appointmentId]))[0]?.status !== 'pending', 10_000, 'the stale job to run');
		expect((await jobsFor([cancelled.appointmentId]))[0]).toMatchObject({ status: 'skipped', last_error: 'appointment is cancelled' });
		expect(mailsTo(cancelled.email)).toEqual([]);
		expect(smsTo(cancelled.phone)).toEqual([]);
	});

	it('a moved appointment is reminded again for its new time, once', async () => {
		const moved = consenting[0]!;
		const newStart = new Date(Date.parse(moved.start) + 86_400_000);
		const [slot] = (await (await api(nodes[0]!, reception)(`/api/v1/branches/${ind}/slots?serviceId=${consultationId}&from=${encodeURIComponent(newStart.toISOString())}&to=${encodeURIComponent(inDays(12))}`)).json()).items;
		const res = await api(nodes[1]!, reception)(`/api/v1/appointments/${moved.appointmentId}`, {
			method: 'PATCH',
			json: { start: slot.start, practitionerId: slot.practitionerId, roomId: slot.roomId, version: moved.version }
		});
		expect(res.status).toBe(200);
		await waitFor(async () => mailsTo(moved.email).length === 2, 10_000, 'the reminder for the new time');
		await sleep(800);
		const mails = mailsTo(moved.email);
		expect(mails).toHaveLength(2);
		const time = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(slot.start));
		expect(mails[1]!.subject).toContain(time);
		expect(smsTo(moved.phone)).toHaveLength(2);
		const jobs = await jobsFor([moved.appointmentId]);
		expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
	});
});
