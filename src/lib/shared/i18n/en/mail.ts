/** Emails, written in the recipient's language. */
export const mail = {
	'mail.urgentNotice.subject': 'Urgent notice at {branch}',
	'mail.urgentNotice.body': '{poster} posted an urgent notice to {branch}:\n\n{message}\n\nYou get these emails because you asked for email alerts in your SkinSpire account; you can turn them off there.',
	// The link stands on a line of its own, so mail clients make the whole of it clickable.
	'mail.invitation.subject': 'You are invited to {hospital} on SkinSpire',
	'mail.invitation.body': 'Hello {name},\n\n{inviter} has invited you to join {hospital} on SkinSpire.\nSet your password here (the link works once, for {hours} hours):\n\n{link}\n\nIf you did not expect this, you can ignore this message.',
	'mail.passwordReset.subject': 'Reset your SkinSpire password',
	'mail.passwordReset.body': 'Hello {name},\n\nSomeone (hopefully you) asked to reset the password of this account. The link works once, for {minutes} minutes:\n\n{link}\n\nIf it was not you, ignore this message; your password stays as it is.'
} as const;
