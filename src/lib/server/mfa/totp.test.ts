import { describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { matchTotp, stepAt } from './totp.ts';

const key = new Uint8Array(20).map((_, i) => i * 7 + 3);
const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);
const codeAt = (ms: number) => generateHOTP(key, BigInt(stepAt(ms)), 6);

describe('TOTP (injected clock)', () => {
	it('accepts the current code and one step of drift either way', () => {
		expect(matchTotp(key, codeAt(T0), T0, 0)).toBe(stepAt(T0));
		expect(matchTotp(key, codeAt(T0 - 30_000), T0, 0)).toBe(stepAt(T0) - 1);
		expect(matchTotp(key, codeAt(T0 + 30_000), T0, 0)).toBe(stepAt(T0) + 1);
	});

	it('refuses an expired code', () => {
		expect(matchTotp(key, codeAt(T0 - 90_000), T0, 0)).toBeNull();
		expect(matchTotp(key, codeAt(T0), T0 + 120_000, 0)).toBeNull();
	});

	it('never accepts the same code twice, nor an older one after a newer was used', () => {
		const step = matchTotp(key, codeAt(T0), T0, 0)!;
		expect(matchTotp(key, codeAt(T0), T0 + 5_000, step)).toBeNull();
		expect(matchTotp(key, codeAt(T0 - 30_000), T0, step)).toBeNull();
		expect(matchTotp(key, codeAt(T0 + 30_000), T0 + 30_000, step)).toBe(step + 1);
	});

	it('refuses malformed input', () => {
		for (const bad of ['', '12345', '1234567', 'abcdef', ' 123456']) expect(matchTotp(key, bad, T0, 0)).toBeNull();
	});
});
