import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * A string in an audit entry that only the database knows when it appends the row (an MRN drawn
 * in the same round trip, say): `sql` is an expression of type text. The append fills it in, both
 * in the stored row and in the hashed text, so the row hashes as if it had been written out.
 */
export class DatabaseText {
	readonly sql: string;
	constructor(sql: string) {
		// It is written into a statement whose values take the place of `?`s.
		if (sql.includes('?')) throw new Error('DatabaseText cannot contain "?"');
		this.sql = sql;
	}
}

/** Marks a value left out of canonical JSON: a control character, which JSON.stringify always escapes, so it can mark nothing else. */
const HOLE_MARK = '\u0001';

function canonical(value: unknown, holes?: unknown[], isHole?: (v: unknown) => boolean): string {
	if (isHole?.(value)) {
		holes!.push(value);
		return HOLE_MARK;
	}
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (Array.isArray(value)) return `[${value.map((v) => canonical(v, holes, isHole)).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, holes, isHole)}`).join(',')}}`;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
	return canonical(value);
}

/**
 * canonicalJson with some values left out: the text between them (one more piece than holes) and
 * the holes, in order. Joining the pieces with the holes' JSON in between gives canonicalJson.
 */
export function canonicalPieces(value: unknown, isHole: (v: unknown) => boolean): { pieces: string[]; holes: unknown[] } {
	const holes: unknown[] = [];
	const pieces = canonical(value, holes, isHole).split(HOLE_MARK);
	return { pieces, holes };
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

/** Stands for the row's number, which only the database knows when it appends the row. */
export const SEQ = Symbol('seq');

/**
 * What rowHash hashes, as pieces around the things only the database knows when it appends the
 * row: the previous row's hash, which comes first, then `head`, the row's number (SEQ) and `tail`.
 * Each part is text between DatabaseText values of the content, which go in as JSON strings: so
 * rowHash(prev, content written out) is the SHA-256 of prev + head + String(seq) + tail, with
 * every DatabaseText in them replaced by the JSON of its value.
 */
export function hashedTextAroundSeq(content: Omit<ChainedContent, 'seq'>): { head: (string | DatabaseText)[]; tail: (string | DatabaseText)[] } {
	const { pieces, holes } = canonicalPieces({ ...content, seq: SEQ }, (v) => v === SEQ || v instanceof DatabaseText);
	const parts: (string | DatabaseText | typeof SEQ)[] = [`\n${pieces[0]}`];
	holes.forEach((hole, i) => parts.push(hole as typeof SEQ | DatabaseText, pieces[i + 1]!));
	const at = parts.indexOf(SEQ);
	return { head: parts.slice(0, at) as (string | DatabaseText)[], tail: parts.slice(at + 1) as (string | DatabaseText)[] };
}

const SECRET_KEYS = /pass(word)?|secret|token|hash|otp|totp|recovery|cookie|authorization/i;

/** Before/after snapshots keep their shape but never a secret. */
export function redact(value: unknown): unknown {
	if (value === null || typeof value !== 'object' || value instanceof DatabaseText) return value;
	if (Array.isArray(value)) return value.map(redact);
	return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]));
}
