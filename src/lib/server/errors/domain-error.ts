import { z } from 'zod';
import type { ErrorCode } from '../../shared/errors/error-codes.ts';
import { DEFAULT_LOCALE } from '../../shared/i18n/locales.ts';
import { isMessageKey, msg, render, type MessageKey, type Msg } from '../../shared/i18n/translate.ts';

// A brand instead of instanceof: the SvelteKit bundle and server/ load separate copies of this module.
const BRAND = Symbol.for('skinspire.DomainError');

/** Field errors before they are put into the reader's language, keyed by the input's field path. */
export type FieldMessages = Record<string, Msg[]>;

/**
 * What a service throws when it refuses. It carries message keys, not sentences: the boundary
 * (API, form action, socket ack) renders them in the language of whoever asked. `message` is the
 * English rendering, for logs.
 */
export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly msg: Msg;
	readonly fields: FieldMessages | undefined;
	/** Extra details safe to show the caller (e.g. the newer version on a conflict). */
	readonly details: Record<string, unknown> | undefined;
	readonly [BRAND] = true;

	constructor(code: ErrorCode, message?: Msg, options: { fields?: FieldMessages; details?: Record<string, unknown> } = {}) {
		const m = message ?? msg(`error.${code}` as MessageKey);
		super(render(DEFAULT_LOCALE, m));
		this.name = 'DomainError';
		this.code = code;
		this.msg = m;
		this.fields = options.fields;
		this.details = options.details;
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

const SIZE_PARAMS = { string: ['tooShort', 'tooLong'], array: ['tooFew', 'tooMany'], set: ['tooFew', 'tooMany'] } as const;

/**
 * A zod issue as a message key. A schema's own message is a catalogue key (zod keeps it in
 * `message`); zod's built-in English messages are replaced by generic keys with the issue's numbers.
 */
function issueMessage(issue: z.core.$ZodIssue): Msg {
	const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; format?: string; keys?: string[]; values?: unknown[]; expected?: string };
	const params: Record<string, string | number> = {};
	if (i.minimum !== undefined) params.minimum = Number(i.minimum);
	if (i.maximum !== undefined) params.maximum = Number(i.maximum);
	// The allowed choices of an enum, so a schema's own message can list them too.
	if (i.values !== undefined) params.values = i.values.map(String).join(', ');
	if (isMessageKey(issue.message)) return msg(issue.message, params);
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined ? msg('validation.required') : msg('validation.expected', { expected: String(i.expected) });
		case 'too_small':
		case 'too_big': {
			const pair = SIZE_PARAMS[i.origin as keyof typeof SIZE_PARAMS];
			if (pair) return msg(`validation.${pair[issue.code === 'too_small' ? 0 : 1]}`, params);
			return msg(issue.code === 'too_small' ? 'validation.tooSmall' : 'validation.tooBig', params);
		}
		case 'not_multiple_of':
			return msg('validation.wholeNumber');
		case 'invalid_format':
			return msg('validation.format', { format: String(i.format) });
		case 'unrecognized_keys':
			return msg('validation.unknownFields', { keys: (i.keys ?? []).join(', ') });
		case 'invalid_value':
			return msg('validation.oneOf', { values: params.values ?? '' });
		default:
			return msg('validation.invalid');
	}
}

export function fieldErrorsFrom(error: z.ZodError): FieldMessages {
	// A Map, not an object: a client may name a field "__proto__".
	const fields = new Map<string, Msg[]>();
	const add = (key: string, m: Msg) => fields.set(key, [...(fields.get(key) ?? []), m]);
	for (const issue of error.issues) {
		// An unknown field is named as its own field, so a client sees exactly what to drop.
		if (issue.code === 'unrecognized_keys') {
			for (const k of issue.keys) add([...issue.path, k].join('.'), msg('validation.unknownField'));
			continue;
		}
		add(issue.path.length ? issue.path.join('.') : '_', issueMessage(issue));
	}
	return Object.fromEntries(fields);
}

/** Validate an input with its shared schema; a failure becomes VALIDATION_FAILED naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const result = schema.safeParse(input, { reportInput: true });
	if (!result.success) {
		const fields = fieldErrorsFrom(result.error);
		throw new DomainError('VALIDATION_FAILED', validationSummary(fields), { fields });
	}
	return result.data;
}

/** One sentence for the whole form: which fields, and what is wrong with each. */
function validationSummary(fields: FieldMessages): Msg {
	const names = Object.keys(fields).filter((f) => f !== '_');
	const all = Object.values(fields).flat();
	if (!names.length) return all[0] ?? msg('error.VALIDATION_FAILED');
	return msg('validation.check', { fields: names.join(', '), problems: all });
}
