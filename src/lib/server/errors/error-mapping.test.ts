import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logging/logger.ts';
import { DomainError, isDomainError, parseInput } from './domain-error.ts';
import { toAck, toProblem } from './error-mapping.ts';
import { msg } from '../../shared/i18n/translate.ts';

const logger = createLogger('silent');

describe('error mapping', () => {
	it('maps a domain error to its status, code and message', () => {
		const p = toProblem(new DomainError('NOT_FOUND', msg('errors.branches.notFound')), logger, { instance: '/x' });
		expect(p).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'No such branch', title: 'Not found', instance: '/x' });
	});

	it('says it in the reader\'s language, field errors and numbers included; the log message stays English', () => {
		const e = new DomainError('VALIDATION_FAILED', msg('errors.profile.photoTooLarge', { kilobytes: 500 }), { fields: { photo: [msg('errors.profile.photoAtMost', { kilobytes: 500 })] } });
		expect(e.message).toBe('The photo is larger than 500 KB; choose a smaller one');
		const p = toProblem(e, logger, { locale: 'hi' });
		expect(p).toMatchObject({ title: 'कुछ फ़ील्ड ठीक करने होंगे', detail: 'फ़ोटो 500 KB से बड़ी है; कोई छोटी फ़ोटो चुनें', errors: { photo: ['अधिकतम 500 KB'] } });
	});

	it('picks the singular or plural sentence by count', () => {
		expect(new DomainError('ACCOUNT_LOCKED', msg('errors.auth.locked', { count: 1 })).message).toContain('Try again in 1 minute,');
		expect(new DomainError('ACCOUNT_LOCKED', msg('errors.auth.locked', { count: 15 })).message).toContain('Try again in 15 minutes,');
		expect(new DomainError('VALIDATION_FAILED', msg('errors.roles.inUse', { count: 1 })).message).toBe('This role is held by 1 person; take it away from them first');
	});

	it('never leaks the message of an unexpected error', () => {
		const p = toProblem(new Error('password authentication failed for user "postgres"'), logger);
		expect(p.status).toBe(500);
		expect(JSON.stringify(p)).not.toContain('postgres');
	});

	it('turns a failed schema check into VALIDATION_FAILED with field errors', () => {
		const schema = z.object({ message: z.string().min(1, 'notices.v.messageTooShort'), n: z.number() });
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
		expect(ack.error.fields?.message).toEqual(['Write a notice of at least 1 character']);
	});

	it('fills a schema key with the limits and choices of the issue', () => {
		const schema = z.object({ message: z.string().max(3, 'notices.v.messageTooLong'), sort: z.enum(['name', 'email'], { error: 'users.v.sort' }) });
		let caught: unknown;
		try {
			parseInput(schema, { message: 'four', sort: 'x' });
		} catch (e) {
			caught = e;
		}
		expect(toAck(caught, logger).error.fields).toEqual({ message: ['Keep the notice to 3 characters or fewer'], sort: ['sort is one of name, email'] });
		expect(toAck(caught, logger, 'hi').error.fields?.message).toEqual(['सूचना 3 अक्षरों या उससे कम में रखें']);
	});

	it('recognises a domain error from another copy of the module by its brand', () => {
		const foreign = Object.assign(new Error('x'), { [Symbol.for('skinspire.DomainError')]: true, code: 'FORBIDDEN' });
		expect(isDomainError(foreign)).toBe(true);
		expect(isDomainError(new Error('x'))).toBe(false);
	});
});
