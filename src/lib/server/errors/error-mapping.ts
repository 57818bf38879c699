import { ERROR_CODES, type Ack, type ErrorCode, type FieldErrors } from '../../shared/errors/error-codes.ts';
import type { Logger } from '../logging/logger.ts';
import { isDomainError, type FieldMessages } from './domain-error.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { render, translate } from '../../shared/i18n/translate.ts';

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
export function toProblem(error: unknown, logger: Logger, options: { instance?: string; requestId?: string; locale?: Locale } = {}): Problem {
	const { locale = DEFAULT_LOCALE, ...context } = options;
	if (isDomainError(error)) {
		const spec = ERROR_CODES[error.code];
		return {
			type: `/api/v1/problems#${kebab(error.code)}`,
			title: translate(locale, `error.${error.code}`),
			status: spec.status,
			detail: render(locale, error.msg),
			code: error.code,
			...(error.fields ? { errors: renderFields(locale, error.fields) } : {}),
			...(error.details ?? {}),
			...context
		};
	}
	logger.error({ err: error, requestId: context.requestId }, 'unexpected error');
	return {
		type: '/api/v1/problems#internal',
		title: translate(locale, 'error.INTERNAL'),
		status: 500,
		detail: translate(locale, 'error.INTERNAL'),
		code: 'INTERNAL',
		...context
	};
}

export function renderFields(locale: Locale, fields: FieldMessages): FieldErrors {
	return Object.fromEntries(Object.entries(fields).map(([name, messages]) => [name, messages.map((m) => render(locale, m))]));
}

export function toAck(error: unknown, logger: Logger, locale: Locale = DEFAULT_LOCALE): Extract<Ack<never>, { ok: false }> {
	const p = toProblem(error, logger, { locale });
	return { ok: false, error: { code: p.code, message: p.detail, ...(p.errors ? { fields: p.errors } : {}) } };
}
