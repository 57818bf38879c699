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
	REDIS_KEY_PREFIX: z
		.string()
		.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'REDIS_KEY_PREFIX must be 1–64 letters, digits, dots, dashes, underscores or colons')
		.default('skinspire'),
	SEED_DEMO: z
		.enum(['auto', 'true', 'false'], { error: 'SEED_DEMO must be auto, true or false' })
		.default('auto'),
	/** The demo's waiting room already has a morning of patients (seen, with the doctor, waiting). */
	DEMO_QUEUE: z.enum(['true', 'false'], { error: 'DEMO_QUEUE must be true or false' }).default('true'),
	APP_SECRET: z
		.string()
		.min(32, 'APP_SECRET must be at least 32 characters; generate one with: openssl rand -base64 48')
		.optional(),
	/** `<id>:<base64 32 bytes>`, comma-separated; the first encrypts, all decrypt (key rotation). */
	PATIENT_DATA_KEYS: z.string().optional(),
	/** base64 of 32 bytes: keys the blind index for exact-match search on encrypted fields. */
	PATIENT_INDEX_KEY: z.string().optional(),
	SESSION_IDLE_MINUTES: ZPositiveInt('SESSION_IDLE_MINUTES', 30),
	/** How long a slot stays held while someone books it. */
	SLOT_HOLD_SECONDS: ZPositiveInt('SLOT_HOLD_SECONDS', 120),
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
	/** How often each node plans reminders and runs due background jobs (ms). */
	JOB_POLL_MS: ZPositiveInt('JOB_POLL_MS', 5000),
	/** Minutes before an appointment its reminder goes out, unless the hospital sets its own. */
	REMINDER_LEAD_MINUTES: z.coerce
		.number({ error: 'REMINDER_LEAD_MINUTES must be a number' })
		.int('REMINDER_LEAD_MINUTES must be a whole number of minutes')
		.min(15, 'REMINDER_LEAD_MINUTES must be at least 15')
		.max(20160, 'REMINDER_LEAD_MINUTES must be at most 20160 (14 days)')
		.default(1440),
	/** Where appointment text messages go; unset: `file` on a demo database, otherwise `none`. */
	SMS_PROVIDER: z.enum(['console', 'file', 'none'], { error: 'SMS_PROVIDER must be console, file or none' }).optional(),
	/** Fault injection for the crash test; refused unless NODE_ENV=test. */
	SKINSPIRE_FAULT: z.enum(['crash-after-commit']).optional(),
	/** `npm run bench:booking` only: mount its raw-SQL control endpoint (refused on any but a demo database). */
	BENCH_CONTROL_ENDPOINT: z.enum(['0', '1'], { error: 'BENCH_CONTROL_ENDPOINT must be 0 or 1; only the booking bench sets it' }).default('0')
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
	/** What this deployment's keys and streams in Redis start with: deployments sharing a Redis must differ. */
	redisKeyPrefix: string;
	seedDemo: 'auto' | 'true' | 'false';
	demoQueue: boolean;
	appSecret: string | undefined;
	patientDataKeys: string | undefined;
	patientIndexKey: string | undefined;
	sessionIdleMs: number;
	slotHoldMs: number;
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
	jobPollMs: number;
	/** Default lead time of appointment reminders (a hospital may set its own). */
	reminderLeadMinutes: number;
	/** Unset: decided at start-up (`file` on a demo database, otherwise `none`). */
	smsProvider: Env['SMS_PROVIDER'];
	fault: Env['SKINSPIRE_FAULT'];
	/** The booking bench's control endpoint is wanted; honoured only on a demo database (server/index.ts). */
	benchControlEndpoint: boolean;
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
	if (env.SMS_PROVIDER === 'console' && env.NODE_ENV === 'production') {
		// The console provider prints whole messages, and health data never goes into production logs.
		throw new ConfigError(['SMS_PROVIDER=console prints messages to the log and is for development only; use file or none in production']);
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
		redisKeyPrefix: env.REDIS_KEY_PREFIX,
		seedDemo: env.SEED_DEMO,
		demoQueue: env.DEMO_QUEUE === 'true',
		appSecret: env.APP_SECRET,
		patientDataKeys: env.PATIENT_DATA_KEYS,
		patientIndexKey: env.PATIENT_INDEX_KEY,
		sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
		slotHoldMs: env.SLOT_HOLD_SECONDS * 1000,
		sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
		trustProxy: env.TRUST_PROXY,
		logLevel: env.LOG_LEVEL,
		outboxSweepMs: env.OUTBOX_SWEEP_MS,
		rateLimitSignIn: env.RATE_LIMIT_SIGN_IN,
		smtpUrl: env.SMTP_URL,
		mailFrom: env.MAIL_FROM,
		shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
		uploadMaxBytes: env.UPLOAD_MAX_MB * 1024 * 1024,
		jobPollMs: env.JOB_POLL_MS,
		reminderLeadMinutes: env.REMINDER_LEAD_MINUTES,
		smsProvider: env.SMS_PROVIDER,
		fault: env.SKINSPIRE_FAULT,
		benchControlEndpoint: env.BENCH_CONTROL_ENDPOINT === '1'
	};
}
