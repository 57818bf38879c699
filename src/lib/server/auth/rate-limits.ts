import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { DomainError } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';

/**
 * Per-IP limits on the doors attackers knock on. Shared through Redis when several nodes run
 * (falling back to this node's memory while Redis is away), in memory otherwise.
 */
export function createRateLimits(redis: Redis | undefined, limits: { signInPer5Minutes: number; keyPrefix: string }) {
	const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
		const memory = new RateLimiterMemory({ keyPrefix, points, duration });
		return redis
			? new RateLimiterRedis({ storeClient: redis, useRedisPackage: false, rejectIfRedisNotReady: true, keyPrefix, points, duration, insuranceLimiter: memory })
			: memory;
	};
	return {
		/** Sign-in attempts from one address per 5 minutes (RATE_LIMIT_SIGN_IN). */
		signIn: make(`${limits.keyPrefix}:rl:sign-in`, limits.signInPer5Minutes, 300),
		/** Second-factor codes from one address, on top of the 5 attempts each challenge allows. */
		mfa: make(`${limits.keyPrefix}:rl:mfa`, limits.signInPer5Minutes, 300),
		/** Password-reset requests from one address per 15 minutes. */
		reset: make(`${limits.keyPrefix}:rl:reset`, Math.max(1, Math.ceil(limits.signInPer5Minutes / 3)), 900)
	};
}

export type RateLimits = ReturnType<typeof createRateLimits>;

export async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string): Promise<void> {
	try {
		await limiter.consume(key);
	} catch (e) {
		if (e instanceof RateLimiterRes) {
			const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
			throw new DomainError('RATE_LIMITED', msg('errors.http.tooManyAttempts', { seconds }), { details: { retryAfterSeconds: seconds } });
		}
		throw e;
	}
}
