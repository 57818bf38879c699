import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Health data never goes in: services log ids and codes, not names,
 * messages or record contents, and the redaction below is a second line of defence for the
 * secrets a careless log call could carry.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
	return pino({
		level,
		base: { service: 'skinspire', ...base },
		timestamp: pino.stdTimeFunctions.isoTime,
		redact: {
			paths: [
				'req.headers.cookie',
				'req.headers.authorization',
				'headers.cookie',
				'headers.authorization',
				'password',
				'*.password',
				'token',
				'*.token'
			],
			censor: '[redacted]'
		}
	});
}
