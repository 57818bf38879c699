import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string[] {
	try {
		loadConfig(env);
	} catch (e) {
		if (e instanceof ConfigError) return e.problems;
		throw e;
	}
	return [];
}

describe('loadConfig', () => {
	it('has working defaults for a developer machine', () => {
		const c = loadConfig({});
		expect(c.port).toBe(3000);
		expect(c.origin).toBe('http://localhost:3000');
		expect(c.databaseUrl).toBeUndefined();
		expect(c.embeddedPgPort).toBeLessThan(32768);
		expect(c.secureCookies).toBe(false);
		expect(c.sessionIdleMs).toBe(30 * 60_000);
		expect(c.sessionAbsoluteMs).toBe(12 * 3_600_000);
	});

	it('names the variable and what to set instead', () => {
		expect(problems({ DATABASE_URL: 'mysql://root@db/x' })).toEqual([
			expect.stringMatching(/^DATABASE_URL is not a postgres:\/\/ URL; set it to postgres:\/\/user:password@host:5432\/database/)
		]);
		expect(problems({ REDIS_URL: 'localhost:6379' })[0]).toMatch(/^REDIS_URL is not a redis:\/\/ URL/);
		expect(problems({ PORT: 'eighty' })[0]).toMatch(/^PORT must be a whole number/);
		expect(problems({ PORT: '70000' })[0]).toMatch(/^PORT must be between 1 and 65535/);
		expect(problems({ EMBEDDED_PG_PORT: '40000' })[0]).toMatch(/below 32768/);
		expect(problems({ ORIGIN: 'clinic.example.com' })[0]).toMatch(/^ORIGIN must be the public address/);
		expect(problems({ APP_SECRET: 'short' })[0]).toMatch(/openssl rand/);
	});

	it('reports every mistake at once, not one per restart', () => {
		expect(problems({ DATABASE_URL: 'x', REDIS_URL: 'y', LOG_LEVEL: 'loud' })).toHaveLength(3);
	});

	it('treats blank values as unset', () => {
		expect(loadConfig({ DATABASE_URL: '  ', REDIS_URL: '' }).databaseUrl).toBeUndefined();
	});

	it('makes cookies Secure when the public origin is https', () => {
		expect(loadConfig({ ORIGIN: 'https://clinic.example.com' }).secureCookies).toBe(true);
	});

	it('refuses fault injection outside the test suite', () => {
		expect(problems({ SKINSPIRE_FAULT: 'crash-after-commit', NODE_ENV: 'production' })[0]).toMatch(/only for the test suite/);
		expect(loadConfig({ SKINSPIRE_FAULT: 'crash-after-commit', NODE_ENV: 'test' }).fault).toBe('crash-after-commit');
	});
});

describe('background jobs and reminders', () => {
	it('polls every 5 s, reminds a day ahead and leaves the SMS provider to the database kind by default', () => {
		const c = loadConfig({});
		expect(c).toMatchObject({ jobPollMs: 5000, reminderLeadMinutes: 1440, smsProvider: undefined });
		expect(loadConfig({ JOB_POLL_MS: '200', REMINDER_LEAD_MINUTES: '120', SMS_PROVIDER: 'file' })).toMatchObject({ jobPollMs: 200, reminderLeadMinutes: 120, smsProvider: 'file' });
	});

	it('names what is wrong with them', () => {
		expect(problems({ JOB_POLL_MS: '0' })[0]).toMatch(/^JOB_POLL_MS must be greater than 0/);
		expect(problems({ REMINDER_LEAD_MINUTES: '5' })[0]).toMatch(/^REMINDER_LEAD_MINUTES must be at least 15/);
		expect(problems({ SMS_PROVIDER: 'twilio' })[0]).toMatch(/^SMS_PROVIDER must be console, file or none/);
		// Whole messages in the log are for a developer's machine, never production.
		expect(problems({ SMS_PROVIDER: 'console', NODE_ENV: 'production' })[0]).toMatch(/development only/);
	});
});

describe('.env.example', () => {
	it('lists every variable the configuration reads (except the test-only fault switch)', async () => {
		const fs = await import('node:fs');
		const path = await import('node:path');
		const root = path.resolve(import.meta.dirname, '../../../..');
		const source = fs.readFileSync(path.join(root, 'src/lib/server/config/config.ts'), 'utf8');
		const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
		const names = [...source.matchAll(/^\t([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!).filter((n) => n !== 'SKINSPIRE_FAULT');
		expect(names.length).toBeGreaterThan(15);
		expect(names.filter((n) => !new RegExp(`^${n}=`, 'm').test(example))).toEqual([]);
	});
});

describe('BENCH_CONTROL_ENDPOINT', () => {
	it('is off unless the booking bench sets it to 1, and names any other value', () => {
		expect(loadConfig({}).benchControlEndpoint).toBe(false);
		expect(loadConfig({ BENCH_CONTROL_ENDPOINT: '1' }).benchControlEndpoint).toBe(true);
		expect(problems({ BENCH_CONTROL_ENDPOINT: 'yes' })[0]).toMatch(/^BENCH_CONTROL_ENDPOINT must be 0 or 1/);
	});
});

describe('REDIS_KEY_PREFIX', () => {
	it('is skinspire unless set, and a prefix with spaces or braces is refused by name', () => {
		expect(loadConfig({}).redisKeyPrefix).toBe('skinspire');
		expect(loadConfig({ REDIS_KEY_PREFIX: 'clinic-staging' }).redisKeyPrefix).toBe('clinic-staging');
		expect(problems({ REDIS_KEY_PREFIX: 'two words' })[0]).toMatch(/^REDIS_KEY_PREFIX must be 1–64 letters/);
		expect(problems({ REDIS_KEY_PREFIX: 'a{b}' })[0]).toMatch(/^REDIS_KEY_PREFIX must be/);
	});
});
