import { INTL_TAG, type Locale } from '../../shared/i18n/locales.ts';
import { translate } from '../../shared/i18n/translate.ts';


export interface ReminderFacts {
	patientName: string;
	hospitalName: string;
	branchName: string;
	branchAddress: string | null;
	branchPhone: string | null;
	timeZone: string;
	startsAt: Date;
	serviceName: string;
	practitionerName: string;
}

export interface ReminderText {
	subject: string;
	mail: string;
	sms: string;
}

/** The reminder in the patient's language, with the date and time as the branch's clock shows them. */
export function reminderText(locale: Locale, f: ReminderFacts): ReminderText {
	const date = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: f.timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(f.startsAt);
	const time = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: f.timeZone, hour: 'numeric', minute: '2-digit' }).format(f.startsAt);
	const params = { name: f.patientName, hospital: f.hospitalName, branch: f.branchName, date, time, service: f.serviceName, practitioner: f.practitionerName };
	const where = [f.branchName, f.branchAddress].filter(Boolean).join(', ');
	const mail = [
		translate(locale, 'reminders.mail.body', { ...params, where }),
		f.branchPhone ? translate(locale, 'reminders.mail.reschedule.phone', { phone: f.branchPhone }) : translate(locale, 'reminders.mail.reschedule'),
		translate(locale, 'reminders.mail.signature', params)
	].join('\n\n');
	return {
		subject: translate(locale, 'reminders.mail.subject', params),
		mail,
		sms: translate(locale, f.branchPhone ? 'reminders.sms.phone' : 'reminders.sms', { ...params, phone: f.branchPhone ?? '' })
	};
}
