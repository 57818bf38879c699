import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, type FieldErrors } from '../../shared/errors/error-codes.ts';

// A brand instead of instanceof: the SvelteKit bundle and server/ load separate copies of this module.
const BRAND = Symbol.for('skinspire.DomainError');

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly fields: FieldErrors | undefined;
	/** Extra details safe to show the caller (e.g. the newer version on a conflict). */
	readonly details: Record<string, unknown> | undefined;
	readonly [BRAND] = true;

	constructor(code: ErrorCode, message?: string, options: { fields?: FieldErrors; details?: Record<string, unknown> } = {}) {
		super(message ?? ERROR_CODES[code].title);
		this.name = 'DomainError';
		this.code = code;
		this.fields = options.fields;
		this.details = options.details;
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.join('.') : '_';
		(fields[key] ??= []).push(issue.message);
	}
	return fields;
}

/** Validate an input with its shared schema; a failure becomes VALIDATION_FAILED naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) {
		const fields = fieldErrorsFrom(result.error);
		const names = Object.keys(fields).filter((f) => f !== '_');
		const message = names.length
			? `Check ${names.join(', ')}: ${Object.values(fields).flat().join('; ')}`
			: Object.values(fields).flat().join('; ') || ERROR_CODES.VALIDATION_FAILED.title;
		throw new DomainError('VALIDATION_FAILED', message, { fields });
	}
	return result.data;
}
