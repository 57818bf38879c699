/**
 * The one table of domain error codes: HTTP status for the API, and the sentence a person sees.
 * Services throw DomainError with one of these codes; the API, form actions and socket acks all
 * map through this table, so a code means the same thing everywhere.
 */
export const ERROR_CODES = {
	VALIDATION_FAILED: { status: 400, title: 'Some fields need fixing' },
	MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
	INVALID_CREDENTIALS: { status: 401, title: 'Email or password is incorrect' },
	UNAUTHENTICATED: { status: 401, title: 'Please sign in to continue' },
	MFA_REQUIRED: { status: 401, title: 'Enter the code from your authenticator app to finish signing in' },
	MFA_ENROLMENT_REQUIRED: { status: 403, title: 'Your role requires a second factor: set up an authenticator app to continue' },
	FORBIDDEN: { status: 403, title: 'You do not have permission to do this' },
	FOREIGN_ORIGIN: { status: 403, title: 'This request came from another site and was refused' },
	NOT_FOUND: { status: 404, title: 'Not found' },
	ACCOUNT_LOCKED: { status: 423, title: 'This account is locked after too many failed sign-ins' },
	STALE_VERSION: { status: 409, title: 'Someone else changed this; review their change and try again' },
	DEMO_SEED_REFUSED: { status: 409, title: 'This database holds real data; demo data was not added' },
	RATE_LIMITED: { status: 429, title: 'Too many attempts; wait a moment and try again' },
	INTERNAL: { status: 500, title: 'Something went wrong on our side; please try again' }
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Field errors keyed by the input's field path, e.g. { message: ['Must be at most 280 characters'] }. */
export type FieldErrors = Record<string, string[]>;

/** What a socket command acknowledges with, and what the client gets back from a failed call. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; fields?: FieldErrors } };
