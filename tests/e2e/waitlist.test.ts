import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserAndServer } from '../support/fixtures.ts';
import { signedInPage } from '../support/browser.ts';
import { api, login, type Session } from '../support/clients.ts';
import { nextWeekday } from '../support/calendar.ts';

/**
 * The waitlist as reception uses it: add a patient in the browser, another desk cancels a
 * matching appointment, the offer shows up at once, and one click books it onto the calendar.
 */
const fixture = useBrowserAndServer();

let reception: Page;
let manager: Session;
let ind: string;
let consultation: { id: string };
let doctor: string;
let rooms: Record<string, string>;
let patients: { id: string; fullName: string }[];
let day: string;

const at = (time: string) => `${day}T${time}:00+05:30`;

beforeAll(async () => {
	day = nextWeekday(2);
	manager = await login(fixture.server, 'manager@demo.skinspire.app');
	ind = manager.branch('IND').id;
	const call = api(fixture.server, manager);
	consultation = (await (await call(`/api/v1/branches/${ind}/services`)).json()).items.find((s: { name: string }) => s.name === 'Dermatology consultation');
	doctor = (await (await call(`/api/v1/branches/${ind}/practitioners`)).json()).items.find((p: { name: string }) => p.name === 'Dr Kavya Rao').id;
	rooms = Object.fromEntries((await (await call(`/api/v1/branches/${ind}/rooms`)).json()).items.map((r: { name: string; id: string }) => [r.name, r.id]));
	patients = (await (await call('/api/v1/patients?pageSize=10')).json()).items;
	reception = (await signedInPage(fixture.browser, fixture.server.url, 'reception@demo.skinspire.app')).page;
});

describe('the waitlist at the reception desk', () => {
	it('a patient added in the browser is offered a freed time within a second, and one click books it onto the calendar', async () => {
		const waiting = patients[3]!;
		// Another patient holds Dr Rao's 10:30 in Consult 1 on that day.
		const call = api(fixture.server, manager);
		const taken = await call('/api/v1/appointments', { method: 'POST', json: { patientId: patients[0]!.id, serviceId: consultation.id, practitionerId: doctor, roomId: rooms['Consult 1'], start: at('10:30') } });
		expect(taken.status).toBe(201);
		const appointment = await taken.json();

		await reception.goto(`/ind/calendar?date=${day}`);
		await reception.locator('html[data-hydrated]').waitFor();
		await reception.locator('[data-testid="calendar"][data-loading="false"]').waitFor();

		// Reception puts the patient on the waitlist: Dr Rao, mornings.
		await reception.getByTestId('waitlist-toggle').click();
		await reception.getByTestId('waitlist-panel').waitFor();
		await reception.getByTestId('waitlist-add').click();
		// Without a patient the form says so, and keeps what was chosen.
		await reception.getByTestId('waitlist-time-of-day').selectOption('morning');
		await reception.getByTestId('waitlist-submit').click();
		await expect.poll(() => reception.getByTestId('waitlist-error-patientId').textContent()).toBe('Choose a patient of this hospital');
		expect(await reception.getByTestId('waitlist-time-of-day').inputValue()).toBe('morning');

		await reception.getByTestId('waitlist-patient-search').fill(waiting.fullName);
		await reception.getByTestId('waitlist-patient-result').filter({ hasText: waiting.fullName }).first().click();
		await reception.getByTestId('waitlist-service').selectOption(consultation.id);
		await reception.getByTestId('waitlist-practitioner').selectOption(doctor);
		await reception.getByTestId('waitlist-submit').click();
		const entry = reception.getByTestId('waitlist-entry').filter({ hasText: waiting.fullName });
		await entry.waitFor();
		await expect.poll(() => entry.textContent()).toContain('Dr Kavya Rao');
		await reception.getByTestId('waitlist-close').click();

		// Another desk cancels the 10:30: the offer appears on reception's screen within a second.
		const cancelled = await call(`/api/v1/appointments/${appointment.id}/cancel`, { method: 'POST', json: { reason: 'Patient unwell', version: appointment.version } });
		expect(cancelled.status).toBe(200);
		const offer = reception.getByTestId('waitlist-offer');
		await offer.waitFor({ timeout: 1000 });
		await expect.poll(() => offer.getByTestId('waitlist-offer-when').textContent()).toContain('10:30');
		await expect.poll(() => offer.textContent()).toContain('Consult 1');
		const item = offer.getByTestId('waitlist-offer-item').first();
		await expect.poll(() => item.getByTestId('waitlist-offer-patient').textContent()).toContain(waiting.fullName);

		// One click books it; the calendar shows the new appointment, and the offer says booked.
		await item.getByTestId('waitlist-offer-book').click();
		await item.getByTestId('waitlist-offer-booked').waitFor({ timeout: 3000 });
		const list = await (await call(`/api/v1/branches/${ind}/appointments?from=${encodeURIComponent(at('00:00'))}&to=${encodeURIComponent(at('23:59'))}`)).json();
		const booked = list.items.find((a: { patient: { id: string }; status: string }) => a.patient.id === waiting.id && a.status === 'booked');
		expect(booked).toMatchObject({ start: at('10:30'), room: { id: rooms['Consult 1'] }, practitioner: { id: doctor } });
		await reception.locator(`[data-testid="calendar-event"][data-appointment-id="${booked.id}"]`).waitFor({ timeout: 3000 });

		// The patient has left the waitlist on every desk.
		await reception.getByTestId('waitlist-toggle').click();
		await reception.getByTestId('waitlist-panel').waitFor();
		await entry.waitFor({ state: 'detached', timeout: 3000 });
	});
});
