import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id parameters: 19 MiB, two passes, one lane. (`Algorithm.Argon2id` is a const enum: 2.)
const PARAMS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** True when the stored hash was made with other parameters and should be replaced at sign-in. */
export function needsRehash(passwordHash: string): boolean {
	return !passwordHash.startsWith(CURRENT_PREFIX);
}

let dummy: Promise<string> | undefined;
/**
 * A hash to verify against when the email is unknown, so that answer takes as long as a wrong
 * password for a real account and timing does not reveal who has an account.
 */
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword('skinspire-timing-equaliser-not-a-password');
	return dummy;
}
