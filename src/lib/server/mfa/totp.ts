import { generateHOTP } from '@oslojs/otp';
import { timingSafeEqual } from 'node:crypto';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

export function stepAt(nowMs: number): number {
	return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The step a code belongs to, if it is valid now (one step of clock drift either way) and newer
 * than the last accepted one; otherwise null. A code is thus accepted at most once.
 */
export function matchTotp(key: Uint8Array, code: string, nowMs: number, lastAcceptedStep: number): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const now = stepAt(nowMs);
	for (const step of [now - 1, now, now + 1]) {
		if (step <= lastAcceptedStep) continue;
		const expected = generateHOTP(key, BigInt(step), TOTP_DIGITS);
		if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
	}
	return null;
}
