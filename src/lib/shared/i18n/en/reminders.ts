/** Appointment reminders (email and text message, in the patient's language) and their setting. */
export const reminders = {
	'reminders.mail.subject': 'Reminder: your appointment at {branch} on {date}',
	'reminders.mail.body': 'Hello {name},\n\nThis is a reminder of your appointment:\n\n{service} with {practitioner}\n{date}, {time}\n{where}',
	'reminders.mail.reschedule': 'If you cannot come, please let the clinic know so that someone else can have the time.',
	'reminders.mail.reschedule.phone': 'If you cannot come, please call us on {phone} so that someone else can have the time.',
	'reminders.mail.signature': 'See you soon,\n{hospital}',
	'reminders.sms': '{hospital}: reminder of your {service} with {practitioner} on {date} at {time}, {branch}.',
	'reminders.sms.phone': '{hospital}: reminder of your {service} with {practitioner} on {date} at {time}, {branch}. Cannot come? Call {phone}.',
	'reminders.settings.lead': 'Send appointment reminders this many minutes before',
	'reminders.settings.lead.help': "Empty: the server's default ({minutes} minutes). Patients get them by email and text message only if they agreed to each.",
	'reminders.v.leadWhole': 'Enter a whole number of minutes',
	'reminders.v.leadMin': 'At least {minimum} minutes',
	'reminders.v.leadMax': 'At most {maximum} minutes (14 days)'
};
