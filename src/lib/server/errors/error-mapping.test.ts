import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logging/logger.ts';
import { DomainError, isDomainError, parseInput } from './domain-error.ts';
import { toAck, toProblem } from './error-mapping.ts';

const logger = createLogger('silent');

describe('error mapping', () => {
	it('maps a domain error to its status, code and message', () => {
		const p = toProblem(new DomainError('NOT_FOUND', 'No such branch'), logger, { instance: '/x' });
		expect(p).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'No such branch', title: 'Not found', instance: '/x' });
	});

	it('never leaks the message of an unexpected error', () => {
		const p = toProblem(new Error('password authentication failed for user "postgres"'), logger);
		expect(p.status).toBe(500);
		expect(JSON.stringify(p)).not.toContain('postgres');
	});

	it('turns a failed schema check into VALIDATION_FAILED with field errors', () => {
		const schema = z.object({ message: z.string().min(1, 'Write something'), n: z.number() });
		let caught: unknown;
		try {
			parseInput(schema, { message: '', n: 'x' });
		} catch (e) {
			caught = e;
		}
		expect(isDomainError(caught)).toBe(true);
		const ack = toAck(caught, logger);
		expect(ack.ok).toBe(false);
		expect(ack.error.code).toBe('VALIDATION_FAILED');
		expect(Object.keys(ack.error.fields ?? {})).toEqual(['message', 'n']);
		expect(ack.error.message).toMatch(/^Check message, n:/);
	});

	it('recognises a domain error from another copy of the module by its brand', () => {
		const foreign = Object.assign(new Error('x'), { [Symbol.for('skinspire.DomainError')]: true, code: 'FORBIDDEN' });
		expect(isDomainError(foreign)).toBe(true);
		expect(isDomainError(new Error('x'))).toBe(false);
	});
});
