import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from './job-runner.ts';

describe('retry backoff', () => {
	it('doubles from the base after each failure and never waits more than 30 minutes', () => {
		expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
		expect(retryDelayMs(20, 30_000)).toBe(30 * 60_000);
		expect(MAX_ATTEMPTS).toBe(5);
	});
});
