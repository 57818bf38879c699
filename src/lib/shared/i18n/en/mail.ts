/** Emails, written in the recipient's language. */
export const mail = {
	'mail.urgentNotice.subject': 'Urgent notice at {branch}',
	'mail.urgentNotice.body': '{poster} posted an urgent notice to {branch}:\n\n{message}\n\nYou get these emails because you asked for email alerts in your SkinSpire account; you can turn them off there.'
} as const;
