import { describe, expect, it } from 'vitest';
import { reminderText, type ReminderFacts } from './reminder-text.ts';
import { patientLocale } from '../patients/patient-locale.ts';

const facts: ReminderFacts = {
	patientName: 'Ananya',
	hospitalName: 'SkinSpire Demo Clinic',
	branchName: 'Indiranagar',
	branchAddress: '100 Feet Road, Bengaluru',
	branchPhone: '+91 80 4000 1234',
	timeZone: 'Asia/Kolkata',
	// 04:30 UTC is 10:00 in India, on 3 Dec 2026 (a Thursday).
	startsAt: new Date('2026-12-03T04:30:00Z'),
	serviceName: 'Dermatology consultation',
	practitionerName: 'Dr Kavya Rao'
};

describe('patientLocale', () => {
	it('reads the free-text preferred language of a record', () => {
		for (const v of ['hi', 'Hindi', ' HINDI ', 'hi-IN', 'हिन्दी', 'हिंदी']) expect(patientLocale(v)).toBe('hi');
		for (const v of [null, undefined, '', 'English', 'en', 'Kannada', 'Tamil']) expect(patientLocale(v)).toBe('en');
	});

	it('falls back to another language the patient chose (their portal account) only when the record names none we speak', () => {
		expect(patientLocale('Kannada', 'hi')).toBe('hi');
		expect(patientLocale(null, 'hi')).toBe('hi');
		expect(patientLocale('English', 'hi')).toBe('en');
		expect(patientLocale(null, 'fr')).toBe('en');
	});
});

describe('reminderText', () => {
	it('says what, with whom, where and when, on the branch clock', () => {
		const text = reminderText('en', facts);
		expect(text.subject).toBe('Reminder: your appointment at Indiranagar on Thursday, 3 December 2026');
		expect(text.mail).toContain('Hello Ananya');
		expect(text.mail).toContain('Dermatology consultation with Dr Kavya Rao');
		expect(text.mail).toMatch(/Thursday, 3 December 2026, 10:00\s?am/i);
		expect(text.mail).toContain('Indiranagar, 100 Feet Road, Bengaluru');
		expect(text.mail).toContain('call us on +91 80 4000 1234');
		expect(text.sms).toMatch(/^SkinSpire Demo Clinic: reminder of your Dermatology consultation with Dr Kavya Rao on Thursday, 3 December 2026 at 10:00\s?am, Indiranagar\. Cannot come\? Call \+91 80 4000 1234\.$/i);
	});

	it('another time zone shows another clock', () => {
		expect(reminderText('en', { ...facts, timeZone: 'Europe/London' }).mail).toMatch(/4:30\s?am/i);
	});

	it('writes in Hindi for a Hindi-speaking patient, and copes without a branch phone', () => {
		const text = reminderText('hi', { ...facts, branchPhone: null, branchAddress: null });
		expect(text.subject).toMatch(/^याद दिलाना: .*2026 को Indiranagar में आपका अपॉइंटमेंट$/);
		expect(text.mail).toContain('नमस्ते Ananya');
		expect(text.mail).toContain('क्लिनिक को बताएँ');
		expect(text.mail).not.toContain('{');
		expect(text.sms).not.toContain('{');
		expect(text.sms).not.toMatch(/फ़ोन करें/);
	});
});
