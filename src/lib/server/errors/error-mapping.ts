import { ERROR_CODES, type Ack, type ErrorCode, type FieldErrors } from '../../shared/errors/error-codes.ts';
import type { Logger } from '../logging/logger.ts';
import { isDomainError } from './domain-error.ts';

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	code: ErrorCode;
	errors?: FieldErrors;
	instance?: string;
	requestId?: string;
	[extra: string]: unknown;
}

function kebab(code: string): string {
	return code.toLowerCase().replaceAll('_', '-');
}

/**
 * The one mapping from an error to what the caller sees. A domain error keeps its code and its
 * message; anything else becomes INTERNAL with a generic sentence, and only the log gets the cause.
 */
export function toProblem(error: unknown, logger: Logger, context: { instance?: string; requestId?: string } = {}): Problem {
	if (isDomainError(error)) {
		const spec = ERROR_CODES[error.code];
		return {
			type: `/api/v1/problems#${kebab(error.code)}`,
			title: spec.title,
			status: spec.status,
			detail: error.message,
			code: error.code,
			...(error.fields ? { errors: error.fields } : {}),
			...(error.details ?? {}),
			...context
		};
	}
	logger.error({ err: error, requestId: context.requestId }, 'unexpected error');
	return {
		type: '/api/v1/problems#internal',
		title: ERROR_CODES.INTERNAL.title,
		status: 500,
		detail: ERROR_CODES.INTERNAL.title,
		code: 'INTERNAL',
		...context
	};
}

export function toAck(error: unknown, logger: Logger): Extract<Ack<never>, { ok: false }> {
	const p = toProblem(error, logger);
	return { ok: false, error: { code: p.code, message: p.detail, ...(p.errors ? { fields: p.errors } : {}) } };
}
