/**
 * The one table of domain error codes and their HTTP status. The sentence a person sees for each
 * is `error.<CODE>` in the message catalogues (src/lib/shared/i18n). Services throw DomainError
 * with one of these codes; the API, form actions and socket acks all map through this table.
 */
export const ERROR_CODES = {
	VALIDATION_FAILED: { status: 400 },
	MALFORMED_JSON: { status: 400 },
	INVALID_CREDENTIALS: { status: 401 },
	UNAUTHENTICATED: { status: 401 },
	MFA_REQUIRED: { status: 401 },
	MFA_ENROLMENT_REQUIRED: { status: 403 },
	FORBIDDEN: { status: 403 },
	FOREIGN_ORIGIN: { status: 403 },
	NOT_FOUND: { status: 404 },
	ACCOUNT_LOCKED: { status: 423 },
	STALE_VERSION: { status: 409 },
	/** The practitioner, room or a device is taken for (part of) that time. */
	SLOT_TAKEN: { status: 409 },
	/** The first request with this Idempotency-Key is still being answered. */
	IN_PROGRESS: { status: 409 },
	/** Well-formed, but the record's state does not allow it (e.g. no email to invite to). */
	UNPROCESSABLE: { status: 422 },
	/** The body is not of a type this endpoint takes (judged by its bytes, e.g. an upload that is not an image or PDF). */
	UNSUPPORTED_MEDIA_TYPE: { status: 415 },
	/** The body is larger than allowed (e.g. an upload over UPLOAD_MAX_MB); nothing was stored. */
	PAYLOAD_TOO_LARGE: { status: 413 },
	DEMO_SEED_REFUSED: { status: 409 },
	RATE_LIMITED: { status: 429 },
	INTERNAL: { status: 500 }
} as const satisfies Record<string, { status: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Field errors keyed by the input's field path, e.g. { message: ['Must be at most 280 characters'] }. */
export type FieldErrors = Record<string, string[]>;

/** What a socket command acknowledges with, and what the client gets back from a failed call. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; fields?: FieldErrors } };
