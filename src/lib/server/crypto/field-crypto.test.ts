import { describe, expect, it } from 'vitest';
import { createFieldCrypto, DecryptionError, generateKeyMaterial, keyRingProblems, parseKeyRing } from './field-crypto.ts';

const material = generateKeyMaterial();
const crypto = createFieldCrypto(parseKeyRing(material.dataKeys, material.indexKey));

describe('field encryption', () => {
	it('round-trips any text and names the key that sealed it', () => {
		for (const plain of ['+919876543210', 'आशा मेनन', '', 'x'.repeat(5000)]) {
			const sealed = crypto.encrypt(plain, 'patient:1:phone');
			expect(sealed.startsWith('f1.k1.')).toBe(true);
			expect(sealed).not.toContain(plain || '\u0000');
			expect(crypto.decrypt(sealed, 'patient:1:phone')).toBe(plain);
		}
	});

	it('refuses a tampered ciphertext, and one moved to another field or patient', () => {
		const sealed = crypto.encrypt('penicillin — severe', 'patient:1:allergies');
		const parts = sealed.split('.');
		const body = Buffer.from(parts[3]!, 'base64url');
		body[0]! ^= 1;
		parts[3] = body.toString('base64url');
		expect(() => crypto.decrypt(parts.join('.'), 'patient:1:allergies')).toThrow(DecryptionError);
		expect(() => crypto.decrypt(sealed, 'patient:2:allergies')).toThrow(DecryptionError);
		expect(() => crypto.decrypt(sealed, 'patient:1:medications')).toThrow(DecryptionError);
	});

	it('never repeats a nonce in 10,000 encryptions', () => {
		const nonces = new Set<string>();
		for (let i = 0; i < 10_000; i++) nonces.add(crypto.encrypt('same value', 'ctx').split('.')[2]!);
		expect(nonces.size).toBe(10_000);
	});

	it('rotates: a ring with a new first key seals with it and still opens the old values', () => {
		const old = crypto.encrypt('old value', 'ctx');
		const rotated = createFieldCrypto(parseKeyRing(`k2:${Buffer.alloc(32, 7).toString('base64')},${material.dataKeys}`, material.indexKey));
		expect(rotated.decrypt(old, 'ctx')).toBe('old value');
		expect(rotated.keyIdOf(rotated.encrypt('new', 'ctx'))).toBe('k2');
		expect(() => crypto.decrypt(rotated.encrypt('new', 'ctx'), 'ctx')).toThrow(/k2 is not in PATIENT_DATA_KEYS/);
	});

	it('blind index: equal for equal values, different per kind and per key', () => {
		expect(crypto.blindIndex('phone', '+919876543210')).toBe(crypto.blindIndex('phone', '+919876543210'));
		expect(crypto.blindIndex('phone', '+919876543210')).not.toBe(crypto.blindIndex('email', '+919876543210'));
		const other = createFieldCrypto(parseKeyRing(material.dataKeys, generateKeyMaterial().indexKey));
		expect(other.blindIndex('phone', '+919876543210')).not.toBe(crypto.blindIndex('phone', '+919876543210'));
	});

	it('explains each configuration mistake', () => {
		expect(keyRingProblems(undefined, undefined)).toEqual([expect.stringMatching(/PATIENT_DATA_KEYS is not set/), expect.stringMatching(/PATIENT_INDEX_KEY is not set/)]);
		expect(keyRingProblems('k1:short', material.indexKey)[0]).toMatch(/32 random bytes/);
		expect(keyRingProblems(`nocolon`, material.indexKey)[0]).toMatch(/<id>:<base64 key>/);
		expect(keyRingProblems(`${material.dataKeys},${material.dataKeys}`, material.indexKey)[0]).toMatch(/twice/);
		expect(keyRingProblems(material.dataKeys, material.indexKey)).toEqual([]);
	});
});
