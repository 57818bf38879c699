import { describe, expect, it } from 'vitest';
import { generateSessionToken, hashSecret, parseSessionToken, secretMatches, sessionCookieName } from './session-token.ts';

describe('session tokens', () => {
	it('are <id>.<secret> with 120 random bits each, never repeating', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const { id, secret, token } = generateSessionToken();
			expect(token).toBe(`${id}.${secret}`);
			expect(id).toMatch(/^[a-z2-7]{24}$/);
			expect(secret).toMatch(/^[a-z2-7]{24}$/);
			seen.add(token);
		}
		expect(seen.size).toBe(2000);
	});

	it('store only a SHA-256 of the secret and match it in constant time', () => {
		const { secret } = generateSessionToken();
		const stored = hashSecret(secret);
		expect(stored).toMatch(/^[0-9a-f]{64}$/);
		expect(stored).not.toContain(secret);
		expect(secretMatches(stored, secret)).toBe(true);
		expect(secretMatches(stored, generateSessionToken().secret)).toBe(false);
	});

	it.each([undefined, '', 'abc', 'a.b.c', `${'a'.repeat(24)}.${'B'.repeat(24)}`, `${'a'.repeat(24)}.`, `x.${'a'.repeat(24)}`])(
		'reject a malformed token %j',
		(token) => expect(parseSessionToken(token)).toBeNull()
	);

	it('use the __Host- prefix when served over HTTPS', () => {
		expect(sessionCookieName(true)).toBe('__Host-skinspire_session');
		expect(sessionCookieName(false)).toBe('skinspire_session');
	});
});
