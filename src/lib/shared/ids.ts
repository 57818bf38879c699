const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL or a body can be an id at all (PostgreSQL refuses a malformed uuid with an error, not "not found"). */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}
