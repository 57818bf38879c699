import { dictionary } from '@zxcvbn-ts/language-common';
import { msg, type Msg } from '../../shared/i18n/translate.ts';

/**
 * NIST SP 800-63B: at least 12 characters, up to 256, any Unicode, no composition rules; refused
 * when common, breached-list, repetitive or made of the context (clinic, person, email).
 * Returns the reason to show (a message key, put into the reader's language where it is shown),
 * or null when the password is acceptable.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function passwordProblem(password: string, context: string[] = []): Msg | null {
	const chars = [...password.normalize('NFKC')];
	if (chars.length < PASSWORD_MIN) return msg('auth.v.password.tooShort', { minimum: PASSWORD_MIN });
	if (chars.length > PASSWORD_MAX) return msg('auth.v.password.tooLong', { maximum: PASSWORD_MAX });
	const lower = chars.join('').toLowerCase();
	if (new Set(chars).size < 4) return msg('auth.v.password.repetitive');
	if (isSequence(lower)) return msg('auth.v.password.sequence');
	if (COMMON.has(lower)) return msg('auth.v.password.common');
	const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
	if (core.length >= 4 && core.length * 2 >= lower.length && COMMON.has(core)) {
		return msg('auth.v.password.commonVariant');
	}
	for (const word of context.flatMap((c) => c.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 4)) {
		if (lower.includes(word)) return msg('auth.v.password.fromContext', { word });
	}
	return null;
}

/** abcdef…, 987654…, or digits counting on past 9 (1234567890123). */
function isSequence(s: string): boolean {
	if (s.length < 4) return false;
	const digits = /^\d+$/.test(s);
	const step = (i: number) => {
		const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
		return digits ? (d + 10) % 10 : d;
	};
	const first = step(1);
	if (!(first === 1 || first === -1 || (digits && first === 9))) return false;
	for (let i = 2; i < s.length; i++) if (step(i) !== first) return false;
	return true;
}
