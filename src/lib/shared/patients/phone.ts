import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** E.164 (`+919876543210`) for a number typed any common way; Indian numbers need no country code. */
export function normalisePhone(input: string): string | null {
	const parsed = parsePhoneNumberFromString(input.trim(), 'IN');
	return parsed?.isValid() ? parsed.number : null;
}

/** For reading aloud and dialling: +91 98765 43210. */
export function formatPhone(e164: string): string {
	return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** What a role without patients:read-sensitive sees: the last four digits only. */
export function maskPhone(e164: string): string {
	return `•••••• ${e164.slice(-4)}`;
}

export function maskEmail(email: string): string {
	const [local = '', domain = ''] = email.split('@');
	return `${local.slice(0, 1)}•••@${domain}`;
}
