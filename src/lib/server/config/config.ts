import { z } from 'zod';
import path from 'node:path';

/**
 * Every setting the process reads from the environment, validated once at start-up.
 * Each message names the variable and says what to set instead, because the person reading
 * it is an operator looking at a crashed container, not a developer with the source open.
 */
const ZPortNumber = (name: string, fallback: number) =>
	z.coerce
		.number({ error: `${name} must be a whole number` })
		.int(`${name} must be a whole number`)
		.min(1, `${name} must be between 1 and 65535`)
		.max(65535, `${name} must be between 1 and 65535`)
		.default(fallback);

const ZPositiveInt = (name: string, fallback: number) =>
	z.coerce
		.number({ error: `${name} must be a number` })
		.int(`${name} must be a whole number`)
		.positive(`${name} must be greater than 0`)
		.default(fallback);

const ZEnv = z.object({
	NODE_ENV: z
		.enum(['development', 'production', 'test'], {
			error: 'NODE_ENV must be one of development, production or test'
		})
		.default('development'),
	HOST: z.string().min(1).default('0.0.0.0'),
	PORT: ZPortNumber('PORT', 3000),
	ORIGIN: z
		.string()
		.refine((v) => /^https?:\/\/[^/\s]+$/.test(v), {
			error:
				'ORIGIN must be the public address without a path, e.g. https://clinic.example.com or http://localhost:3000'
		})
		.optional(),
	DATABASE_URL: z
		.string()
		.refine((v) => /^postgres(ql)?:\/\/./.test(v), {
			error:
				'DATABASE_URL is not a postgres:// URL; set it to postgres://user:password@host:5432/database, or unset it to use the embedded database'
		})
		.optional(),
	DATA_DIR: z.string().min(1).default('./.data'),
	EMBEDDED_PG_PORT: z.coerce
		.number({ error: 'EMBEDDED_PG_PORT must be a number' })
		.int('EMBEDDED_PG_PORT must be a whole number')
		.min(1024, 'EMBEDDED_PG_PORT must be between 1024 and 32767')
		.max(32767, 'EMBEDDED_PG_PORT must be below 32768, outside the range the system hands out to outgoing connections')
		.default(25432),
	REDIS_URL: z
		.string()
		.refine((v) => /^rediss?:\/\/./.test(v), {
			error: 'REDIS_URL is not a redis:// URL; set it to redis://host:6379, or unset it to run a single node'
		})
		.optional(),
	SEED_DEMO: z
		.enum(['auto', 'true', 'false'], { error: 'SEED_DEMO must be auto, true or false' })
		.default('auto'),
	APP_SECRET: z
		.string()
		.min(32, 'APP_SECRET must be at least 32 characters; generate one with: openssl rand -base64 48')
		.optional(),
	/** `<id>:<base64 32 bytes>`, comma-separated; the first encrypts, all decrypt (key rotation). */
	PATIENT_DATA_KEYS: z.string().optional(),
	/** base64 of 32 bytes: keys the blind index for exact-match search on encrypted fields. */
	PATIENT_INDEX_KEY: z.string().optional(),
	SESSION_IDLE_MINUTES: ZPositiveInt('SESSION_IDLE_MINUTES', 30),
	SESSION_ABSOLUTE_HOURS: ZPositiveInt('SESSION_ABSOLUTE_HOURS', 12),
	TRUST_PROXY: z.string().default('loopback'),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
			error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'
		})
		.default('info'),
	OUTBOX_SWEEP_MS: ZPositiveInt('OUTBOX_SWEEP_MS', 1000),
	RATE_LIMIT_SIGN_IN: ZPositiveInt('RATE_LIMIT_SIGN_IN', 30),
	SMTP_URL: z
		.string()
		.refine((v) => /^smtps?:\/\/./.test(v), { error: 'SMTP_URL is not an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465' })
		.optional(),
	MAIL_FROM: z.string().min(3).default('SkinSpire <no-reply@skinspire.local>'),
	SHUTDOWN_TIMEOUT_MS: ZPositiveInt('SHUTDOWN_TIMEOUT_MS', 10000),
	/** Largest patient document or photo accepted, in megabytes (MiB). */
	UPLOAD_MAX_MB: z.coerce
		.number({ error: 'UPLOAD_MAX_MB must be a number' })
		.int('UPLOAD_MAX_MB must be a whole number of megabytes')
		.min(1, 'UPLOAD_MAX_MB must be at least 1')
		.max(1024, 'UPLOAD_MAX_MB must be at most 1024')
		.default(25),
	/** Fault injection for the crash test; refused unless NODE_ENV=test. */
	SKINSPIRE_FAULT: z.enum(['crash-after-commit']).optional()
});

export type Env = z.infer<typeof ZEnv>;

export interface AppConfig {
	env: Env['NODE_ENV'];
	host: string;
	port: number;
	origin: string;
	/** True when the public origin is https: cookies become Secure and __Host- prefixed. */
	secureCookies: boolean;
	databaseUrl: string | undefined;
	dataDir: string;
	embeddedPgPort: number;
	redisUrl: string | undefined;
	seedDemo: 'auto' | 'true' | 'false';
	appSecret: string | undefined;
	patientDataKeys: string | undefined;
	patientIndexKey: string | undefined;
	sessionIdleMs: number;
	sessionAbsoluteMs: number;
	trustProxy: string;
	logLevel: Env['LOG_LEVEL'];
	outboxSweepMs: number;
	/** Sign-in attempts allowed from one address per 5 minutes. */
	rateLimitSignIn: number;
	smtpUrl: string | undefined;
	mailFrom: string;
	shutdownTimeoutMs: number;
	/** Largest patient document or photo accepted, in bytes (UPLOAD_MAX_MB × 1 MiB). */
	uploadMaxBytes: number;
	fault: Env['SKINSPIRE_FAULT'];
}

export class ConfigError extends Error {
	readonly problems: string[];
	constructor(problems: string[]) {
		super(`SkinSpire cannot start; fix its configuration:\n  - ${problems.join('\n  - ')}`);
		this.name = 'ConfigError';
		this.problems = problems;
	}
}

/** Empty strings in a .env file mean "not set", as operators expect. */
function withoutBlanks(source: Record<string, string | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(source)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
	return out;
}

export function loadConfig(source: Record<string, string | undefined> = process.env, defaults: { port?: number } = {}): AppConfig {
	const input = withoutBlanks(source);
	if (defaults.port && !input.PORT) input.PORT = String(defaults.port);
	const parsed = ZEnv.safeParse(input);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((issue) => {
				const name = issue.path.join('.');
				return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
			})
		);
	}
	const env = parsed.data;
	if (env.SKINSPIRE_FAULT && env.NODE_ENV !== 'test') {
		throw new ConfigError(['SKINSPIRE_FAULT is only for the test suite; unset it']);
	}
	const origin = env.ORIGIN ?? `http://localhost:${env.PORT}`;
	return {
		env: env.NODE_ENV,
		host: env.HOST,
		port: env.PORT,
		origin,
		secureCookies: origin.startsWith('https://'),
		databaseUrl: env.DATABASE_URL,
		dataDir: path.resolve(env.DATA_DIR),
		embeddedPgPort: env.EMBEDDED_PG_PORT,
		redisUrl: env.REDIS_URL,
		seedDemo: env.SEED_DEMO,
		appSecret: env.APP_SECRET,
		patientDataKeys: env.PATIENT_DATA_KEYS,
		patientIndexKey: env.PATIENT_INDEX_KEY,
		sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
		sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
		trustProxy: env.TRUST_PROXY,
		logLevel: env.LOG_LEVEL,
		outboxSweepMs: env.OUTBOX_SWEEP_MS,
		rateLimitSignIn: env.RATE_LIMIT_SIGN_IN,
		smtpUrl: env.SMTP_URL,
		mailFrom: env.MAIL_FROM,
		shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
		uploadMaxBytes: env.UPLOAD_MAX_MB * 1024 * 1024,
		fault: env.SKINSPIRE_FAULT
	};
}
