import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { getRandomValues } from 'node:crypto';

/** 120 random bits, base32: 24 characters from a-z2-7. */
function randomId(): string {
	return encodeBase32LowerCaseNoPadding(getRandomValues(new Uint8Array(15)));
}

/** A new token `<id>.<secret>`; the id finds the row, the secret proves possession. */
export function generateSessionToken(): { id: string; secret: string; token: string } {
	const id = randomId();
	const secret = randomId();
	return { id, secret, token: `${id}.${secret}` };
}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function parseSessionToken(token: string | undefined | null): { id: string; secret: string } | null {
	if (!token) return null;
	const parts = token.split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts as [string, string];
	if (!/^[a-z2-7]{24}$/.test(id) || !/^[a-z2-7]{24}$/.test(secret)) return null;
	return { id, secret };
}

export function secretMatches(storedHashHex: string, secret: string): boolean {
	const a = new TextEncoder().encode(storedHashHex);
	const b = new TextEncoder().encode(hashSecret(secret));
	return a.length === b.length && constantTimeEqual(a, b);
}

export function sessionCookieName(secure: boolean): string {
	// __Host- makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
	return secure ? '__Host-skinspire_session' : 'skinspire_session';
}
