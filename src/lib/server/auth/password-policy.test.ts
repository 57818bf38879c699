import { describe, expect, it } from 'vitest';
import { render } from '../../shared/i18n/translate.ts';
import { passwordProblem } from './password-policy.ts';

/** The reason as an English reader sees it, or null. */
function reason(password: string, context?: string[]): string | null {
	const problem = passwordProblem(password, context);
	return problem && render('en', problem);
}

describe('password policy', () => {
	it('accepts a long passphrase in any script, with no composition rules', () => {
		expect(passwordProblem('correct horse battery staple')).toBeNull();
		expect(passwordProblem('मेरा पासवर्ड बहुत लंबा है')).toBeNull();
		expect(passwordProblem('x'.repeat(8) + 'yzw' + 'q'.repeat(200))).toBeNull();
	});

	it.each([
		['short one', /at least 12 characters/],
		['a'.repeat(300), /at most 256/],
		['aaaaaaaaaaaaaaa', /repeats too few/],
		['abababababab', /repeats too few/],
		['123456789012', /sequence/],
		['qwerty123456', /common or leaked/],
		['1q2w3e4r5t6y', /common or leaked/],
		['password2026!!', /common password with a few characters added/]
	])('refuses %j and says why', (password, why) => {
		expect(reason(password)).toMatch(why);
	});

	it('refuses passwords built from the context: clinic, name, email', () => {
		expect(reason('SkinSpire-rocks-2026', ['SkinSpire Clinics'])).toMatch(/"skinspire"/);
		expect(reason('kavya-is-the-best!', ['Dr Kavya Rao', 'doctor@demo.skinspire.app'])).toMatch(/"kavya"/);
		expect(passwordProblem('unrelated words go here', ['Dr Kavya Rao'])).toBeNull();
	});

	it('gives its reason as a message key, so it is shown in the reader\'s language', () => {
		const problem = passwordProblem('short one')!;
		expect(problem).toEqual({ key: 'auth.v.password.tooShort', params: { minimum: 12 } });
		expect(render('hi', problem)).toBe('कम से कम 12 अक्षर लिखें (एक छोटा वाक्य अच्छा रहता है)');
		expect(render('hi', passwordProblem('kavya-is-the-best!', ['Dr Kavya Rao'])!)).toContain('"kavya"');
	});
});
