import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, DatabaseText, GENESIS_HASH, hashedTextAroundSeq, redact, rowHash, type ChainedContent } from './audit-chain.ts';

/** What the database does with the pieces: the previous hash, then the pieces with each value written in. */
function hashAsTheDatabaseDoes(prev: string, content: Omit<ChainedContent, 'seq'>, seq: number, values: Map<DatabaseText, string>): string {
	const { head, tail } = hashedTextAroundSeq(content);
	const text = (parts: (string | DatabaseText)[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(values.get(p)))).join('');
	return createHash('sha256').update(prev + text(head) + String(seq) + text(tail)).digest('hex');
}

const base: Omit<ChainedContent, 'seq'> = {
	hospitalId: '8c0e7f4e-6f0b-4d9e-9a51-0d3c8f1b2a11',
	branchId: null,
	actorUserId: null,
	actorLabel: "Anita D'Souza",
	action: 'patient.registered',
	targetType: 'patient',
	targetId: '8c0e7f4e-6f0b-4d9e-9a51-0d3c8f1b2a14',
	before: null,
	after: { fields: ['fullName'] },
	ip: '10.0.0.1',
	userAgent: null,
	occurredAt: '2026-11-26T10:00:00.000Z'
};

describe('hashing a row the database numbers', () => {
	it('hashes exactly what rowHash hashes once the number and the database values are written in', () => {
		const mrn = new DatabaseText("current_setting('skinspire.mrn')");
		const content = { ...base, after: { mrn, fields: ['fullName', 'phone'] } };
		const hash = hashAsTheDatabaseDoes(GENESIS_HASH, content, 42, new Map([[mrn, 'IND-000123']]));
		expect(hash).toBe(rowHash(GENESIS_HASH, { ...content, after: { mrn: 'IND-000123', fields: ['fullName', 'phone'] }, seq: 42 }));
	});

	it('holds for any text in any field, even text that looks like the marks it splits on', () => {
		const text = fc.oneof(fc.string(), fc.constantFrom('\u0001', '\\u0001', '"seq":', "it's", 'back\\slash', 'आशा', '\n'));
		fc.assert(
			fc.property(text, text, fc.option(text), fc.integer({ min: 1, max: 2 ** 40 }), text, (label, value, agent, seq, drawn) => {
				const hole = new DatabaseText('x');
				const content = { ...base, actorLabel: label, userAgent: agent, after: { note: value, drawn: hole, nested: [{ seq: value }] } };
				const expected = rowHash('f'.repeat(64), { ...content, after: { note: value, drawn, nested: [{ seq: value }] }, seq });
				expect(hashAsTheDatabaseDoes('f'.repeat(64), content, seq, new Map([[hole, drawn]]))).toBe(expected);
			})
		);
	});

	it('keeps a database value through redaction, and refuses SQL that would take a value meant for the statement', () => {
		const mrn = new DatabaseText("current_setting('skinspire.mrn')");
		expect(redact({ mrn, password: 'x' })).toEqual({ mrn, password: '[redacted]' });
		expect(() => new DatabaseText('select ?')).toThrow();
	});

	it('leaves canonical JSON as it was', () => {
		expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
	});
});
