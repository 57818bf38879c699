import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';
import { readMail } from '../support/mail.ts';
import type { WaitlistEntryDto, WaitlistOfferDto } from '../../src/lib/shared/scheduling/waitlist.schema.ts';

/**
 * The waitlist against the real server and database: joining, a freed time offered live to the
 * branch's desks (and nobody else), booking from the offer in one request, and the offer email.
 */
let server: TestServer;
let databaseUrl: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-waitlist-'));
let reception: Session;
let ind: string;
let consultation: { id: string };
let followUp: { id: string };
let doctor: string;
let patients: string[];
let here: TestSocket;
let there: TestSocket;
let offersHere: { offer: WaitlistOfferDto }[];
let offersThere: { offer: WaitlistOfferDto }[];

interface Slot {
	start: string;
	practitionerId: string;
	roomId: string;
}

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl, env: { DATA_DIR: dataDir } });
	reception = await login(server, 'reception@demo.skinspire.app');
	ind = reception.branch('IND').id;
	const services = (await (await call(`/api/v1/branches/${ind}/services`)).json()).items;
	consultation = services.find((s: { name: string }) => s.name === 'Dermatology consultation');
	followUp = services.find((s: { name: string }) => s.name === 'Follow-up visit');
	doctor = (await (await call(`/api/v1/branches/${ind}/practitioners`)).json()).items.find((p: { name: string }) => p.name === 'Dr Kavya Rao').id;
	patients = (await (await call('/api/v1/patients?pageSize=30')).json()).items.map((p: { id: string }) => p.id);
	here = await connectSocket(server, reception);
	there = await connectSocket(server, await login(server, 'reception2@demo.skinspire.app'));
	offersHere = record(here, 'waitlist.offer');
	offersThere = record(there, 'waitlist.offer');
});
afterAll(async () => {
	here?.disconnect();
	there?.disconnect();
	await server?.stop();
});

const call = (p: string, init: RequestInit & { json?: unknown } = {}) => api(server, reception)(p, init);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00');
const localDay = (iso: string) => iso.slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A free consultation with Dr Rao, at least a day ahead, starting at one of these local hours. */
async function freeSlot(hours: RegExp, skip = 0): Promise<Slot> {
	const slots: Slot[] = (await (await call(`/api/v1/branches/${ind}/slots?serviceId=${consultation.id}&practitionerId=${doctor}&from=${encodeURIComponent(inDays(1))}&to=${encodeURIComponent(inDays(9))}&limit=500`)).json()).items;
	const found = slots.filter((s) => hours.test(s.start.slice(11, 16)))[skip];
	if (!found) throw new Error(`no free consultation at ${hours}`);
	return found;
}

async function bookConsultation(slot: Slot, patientId: string): Promise<{ id: string; version: number; start: string }> {
	const res = await call('/api/v1/appointments', { method: 'POST', json: { patientId, serviceId: consultation.id, practitionerId: slot.practitionerId, roomId: slot.roomId, start: slot.start } });
	expect(res.status).toBe(201);
	return res.json();
}

async function join(body: Record<string, unknown>): Promise<WaitlistEntryDto> {
	const res = await call(`/api/v1/branches/${ind}/waitlist`, { method: 'POST', json: body });
	expect(res.status, await res.clone().text()).toBe(201);
	return res.json();
}

async function waitingIds(): Promise<string[]> {
	return (await (await call(`/api/v1/branches/${ind}/waitlist`)).json()).items.map((e: WaitlistEntryDto) => e.id);
}

/** The offer of one service for a freed start, once it has arrived at the branch's socket. */
async function offerAt(start: string, serviceId = consultation.id): Promise<WaitlistOfferDto> {
	const find = () => offersHere.find((o) => o.offer.slot.start === start && o.offer.slot.serviceId === serviceId)?.offer;
	await waitFor(() => !!find(), 5000, `an offer at ${start}`);
	return find()!;
}

describe('joining the waitlist', () => {
	it('adds a patient, lists them, refuses the same patient and service twice, and removes at the version seen', async () => {
		const entry = await join({ patientId: patients[0], serviceId: consultation.id, practitionerId: doctor, timeOfDay: 'morning', notes: 'Prefers early' });
		expect(entry).toMatchObject({ branchId: ind, status: 'waiting', timeOfDay: 'morning', practitioner: { id: doctor, name: 'Dr Kavya Rao' }, service: { id: consultation.id }, notes: 'Prefers early', version: 1 });
		expect(await waitingIds()).toContain(entry.id);

		const twice = await call(`/api/v1/branches/${ind}/waitlist`, { method: 'POST', json: { patientId: patients[0], serviceId: consultation.id } });
		expect(twice.status).toBe(400);
		expect((await twice.json()).errors.patientId[0]).toBe('This patient is already on the waitlist for Dermatology consultation here');
		// Another service is another entry.
		const other = await join({ patientId: patients[0], serviceId: followUp.id });

		const bad = await call(`/api/v1/branches/${ind}/waitlist`, { method: 'POST', json: { patientId: '00000000-0000-4000-8000-000000000000', serviceId: consultation.id, earliestDay: '2030-02-01', latestDay: '2030-01-01' } });
		expect(bad.status).toBe(400);
		const errors = (await bad.json()).errors;
		expect(errors.latestDay[0]).toBe('The latest day cannot be before the earliest day');
		const unknown = await call(`/api/v1/branches/${ind}/waitlist`, { method: 'POST', json: { patientId: '00000000-0000-4000-8000-000000000000', serviceId: consultation.id } });
		expect((await unknown.json()).errors.patientId[0]).toBe('Choose a patient of this hospital');

		// Another branch's desk cannot see this branch's waitlist.
		const koramangala = await login(server, 'reception2@demo.skinspire.app');
		expect((await api(server, koramangala)(`/api/v1/branches/${ind}/waitlist`)).status).toBe(404);

		expect((await call(`/api/v1/waitlist/${entry.id}?version=7`, { method: 'DELETE' })).status).toBe(409);
		expect((await call(`/api/v1/waitlist/${entry.id}?version=1`, { method: 'DELETE' })).status).toBe(204);
		expect((await call(`/api/v1/waitlist/${other.id}?version=1`, { method: 'DELETE' })).status).toBe(204);
		expect(await waitingIds()).not.toContain(entry.id);
		const audit = await query(databaseUrl, "select action from audit_event where target_id = $1 order by seq", [entry.id]);
		expect(audit.map((r) => r.action)).toEqual(['waitlist.joined', 'waitlist.removed']);
	});
});

describe('a freed time', () => {
	let slot: Slot;
	let asked: WaitlistEntryDto;
	let anyone: WaitlistEntryDto;

	it('a cancel offers the time at once to the branch, best match first, and to no other branch', async () => {
		slot = await freeSlot(/^1[01]:/);
		const appointment = await bookConsultation(slot, patients[5]!);
		anyone = await join({ patientId: patients[1], serviceId: consultation.id });
		asked = await join({ patientId: patients[2], serviceId: consultation.id, practitionerId: doctor, timeOfDay: 'morning' });
		const evening = await join({ patientId: patients[3], serviceId: consultation.id, timeOfDay: 'evening' });
		const later = await join({ patientId: patients[4], serviceId: consultation.id, earliestDay: nextDay(localDay(slot.start)) });

		const cancelled = await call(`/api/v1/appointments/${appointment.id}/cancel`, { method: 'POST', json: { reason: 'Patient travelling', version: appointment.version } });
		expect(cancelled.status).toBe(200);
		const offer = await offerAt(slot.start);
		expect(offer.slot).toMatchObject({ start: slot.start, practitionerId: doctor, roomId: slot.roomId, serviceId: consultation.id });
		expect(Date.parse(offer.slot.end) - Date.parse(offer.slot.start)).toBe(15 * 60_000);
		// Asked for Dr Rao in the morning first, then whoever waited longest; not the evening or later-days patients.
		expect(offer.matches.map((m) => m.id)).toEqual([asked.id, anyone.id]);
		expect(offer.matches.map((m) => m.id)).not.toContain(evening.id);
		expect(offer.matches.map((m) => m.id)).not.toContain(later.id);
		await sleep(300);
		expect(offersThere).toEqual([]);
	});

	it('books the best match from the offer in one request: 201, and the entry is booked with its appointment', async () => {
		const res = await call(`/api/v1/waitlist/${asked.id}/book`, { method: 'POST', json: { start: slot.start, practitionerId: slot.practitionerId, roomId: slot.roomId } });
		expect(res.status).toBe(201);
		const { entry, appointment } = await res.json();
		expect(appointment).toMatchObject({ start: slot.start, patient: { id: patients[2] }, service: { id: consultation.id }, room: { id: slot.roomId }, status: 'booked' });
		expect(entry).toMatchObject({ id: asked.id, status: 'booked', bookedAppointmentId: appointment.id, version: 2 });
		const [row] = await query(databaseUrl, 'select status, booked_appointment_id from waitlist_entry where id = $1', [asked.id]);
		expect(row).toEqual({ status: 'booked', booked_appointment_id: appointment.id });
		expect(await waitingIds()).not.toContain(asked.id);
		// Booking the same entry again is refused; the audit trail has it.
		const again = await call(`/api/v1/waitlist/${asked.id}/book`, { method: 'POST', json: { start: slot.start, practitionerId: slot.practitionerId, roomId: slot.roomId } });
		expect(again.status).toBe(422);
		expect((await query(databaseUrl, "select count(*)::int as n from audit_event where action = 'waitlist.booked' and target_id = $1", [asked.id]))[0]!.n).toBe(1);
	});

	it('a time taken meanwhile answers 409 and the patient keeps waiting, with no appointment made', async () => {
		const res = await call(`/api/v1/waitlist/${anyone.id}/book`, { method: 'POST', json: { start: slot.start, practitionerId: slot.practitionerId, roomId: slot.roomId } });
		expect(res.status).toBe(409);
		expect((await res.json()).code).toBe('SLOT_TAKEN');
		const [row] = await query(databaseUrl, 'select status, booked_appointment_id, version from waitlist_entry where id = $1', [anyone.id]);
		expect(row).toEqual({ status: 'waiting', booked_appointment_id: null, version: 1 });
		expect(await waitingIds()).toContain(anyone.id);
		const made = await query(databaseUrl, "select count(*)::int as n from appointment where patient_id = $1 and status <> 'cancelled'", [patients[1]]);
		expect(made[0]!.n).toBe(0);
	});

	it('respects the part of the day: an afternoon time is not offered to morning or evening patients, an evening one is', async () => {
		const afternoonPatient = await join({ patientId: patients[6], serviceId: consultation.id, timeOfDay: 'afternoon' });
		const afternoon = await freeSlot(/^1[56]:/);
		const a = await bookConsultation(afternoon, patients[7]!);
		await call(`/api/v1/appointments/${a.id}/cancel`, { method: 'POST', json: { reason: 'Rescheduling', version: a.version } });
		const offered = (await offerAt(afternoon.start)).matches.map((m) => m.patient.id);
		expect(offered).toContain(patients[6]);
		expect(offered).toContain(patients[1]); // any time
		expect(offered).not.toContain(patients[3]); // evening only

		const evening = await freeSlot(/^1[78]:/);
		const e = await bookConsultation(evening, patients[8]!);
		// A no-show frees the time too.
		await call(`/api/v1/appointments/${e.id}/status`, { method: 'POST', json: { status: 'no-show', version: e.version } });
		const eveningOffer = (await offerAt(evening.start)).matches.map((m) => m.patient.id);
		expect(eveningOffer).toContain(patients[3]);
		expect(eveningOffer).not.toContain(afternoonPatient.patient.id);
	});

	it('a moved appointment offers the time it left', async () => {
		const from = await freeSlot(/^11:/, 1);
		const to = await freeSlot(/^16:/, 2);
		const a = await bookConsultation(from, patients[9]!);
		const moved = await call(`/api/v1/appointments/${a.id}`, { method: 'PATCH', json: { start: to.start, roomId: to.roomId, version: a.version } });
		expect(moved.status).toBe(200);
		expect((await offerAt(from.start)).matches.map((m) => m.patient.id)).toContain(patients[1]);
	});
});

describe('sending the offer to the patient', () => {
	it('emails it in the patient’s language only with their consent, and audits it', async () => {
		const [withConsent] = await query(databaseUrl, 'select id from patient where consent_email and email_enc is not null order by mrn desc limit 1');
		const [without] = await query(databaseUrl, 'select id from patient where not consent_email order by mrn desc limit 1');
		await query(databaseUrl, "update patient set preferred_language = 'Hindi' where id = $1", [withConsent!.id]);
		const yes = await join({ patientId: withConsent!.id, serviceId: followUp.id });
		const no = await join({ patientId: without!.id, serviceId: followUp.id });
		const slot = await freeSlot(/^12:/);
		const offer = { start: slot.start, practitionerId: slot.practitionerId, roomId: slot.roomId };

		const refused = await call(`/api/v1/waitlist/${no.id}/notify`, { method: 'POST', json: offer });
		expect(refused.status).toBe(422);
		expect((await refused.json()).detail).toMatch(/not agreed to be contacted by email/);

		const before = readMail(dataDir).length;
		const sent = await call(`/api/v1/waitlist/${yes.id}/notify`, { method: 'POST', json: offer });
		expect(sent.status).toBe(200);
		expect((await sent.json()).sentTo).toMatch(/^.•••@example\.com$/);
		const mail = readMail(dataDir).slice(before);
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toContain('पहले का अपॉइंटमेंट खाली है');
		expect(mail[0]!.text).toContain('Dr Kavya Rao');
		const audit = await query(databaseUrl, "select action from audit_event where target_id = $1 and action = 'waitlist.offer-sent'", [yes.id]);
		expect(audit).toHaveLength(1);
		expect(await query(databaseUrl, "select 1 from audit_event where target_id = $1 and action = 'waitlist.offer-sent'", [no.id])).toHaveLength(0);
	});
});
