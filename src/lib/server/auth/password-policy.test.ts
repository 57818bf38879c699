import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

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
	])('refuses %j and says why', (password, reason) => {
		expect(passwordProblem(password)).toMatch(reason);
	});

	it('refuses passwords built from the context: clinic, name, email', () => {
		expect(passwordProblem('SkinSpire-rocks-2026', ['SkinSpire Clinics'])).toMatch(/"skinspire"/);
		expect(passwordProblem('kavya-is-the-best!', ['Dr Kavya Rao', 'doctor@demo.skinspire.app'])).toMatch(/"kavya"/);
		expect(passwordProblem('unrelated words go here', ['Dr Kavya Rao'])).toBeNull();
	});
});
