import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NIST SP 800-63B: at least 12 characters, up to 256, any Unicode, no composition rules; refused
 * when common, breached-list, repetitive or made of the context (clinic, person, email).
 * Returns the reason to show, or null when the password is acceptable.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function passwordProblem(password: string, context: string[] = []): string | null {
	const chars = [...password.normalize('NFKC')];
	if (chars.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters (a short sentence works well)`;
	if (chars.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
	const lower = chars.join('').toLowerCase();
	if (new Set(chars).size < 4) return 'This password repeats too few characters; choose something less predictable';
	if (isSequence(lower)) return 'This password is a simple sequence; choose something less predictable';
	if (COMMON.has(lower)) return 'This password is on a list of common or leaked passwords; choose another';
	const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
	if (core.length >= 4 && core.length * 2 >= lower.length && COMMON.has(core)) {
		return 'This password is a common password with a few characters added; choose another';
	}
	for (const word of context.flatMap((c) => c.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 4)) {
		if (lower.includes(word)) return `Do not build the password from "${word}" (your name, email or the clinic's name)`;
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
