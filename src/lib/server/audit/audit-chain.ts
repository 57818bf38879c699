import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainedContent {
	hospitalId: string | null;
	seq: number;
	branchId: string | null;
	actorUserId: string | null;
	actorLabel: string;
	action: string;
	targetType: string | null;
	targetId: string | null;
	before: unknown;
	after: unknown;
	ip: string | null;
	userAgent: string | null;
	occurredAt: string;
}

/** A row's hash covers the previous row's hash and every field of its own content. */
export function rowHash(prevHash: string, content: ChainedContent): string {
	return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

const SECRET_KEYS = /pass(word)?|secret|token|hash|otp|totp|recovery|cookie|authorization/i;

/** Before/after snapshots keep their shape but never a secret. */
export function redact(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(redact);
	return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]));
}
