import { describe, expect, it } from 'vitest';
import { ZPostNoticeInput } from './notice.schema.ts';

describe('ZPostNoticeInput', () => {
	it('accepts 1 to 280 characters after trimming', () => {
		expect(ZPostNoticeInput.parse({ message: ' a ' }).message).toBe('a');
		expect(ZPostNoticeInput.safeParse({ message: 'x'.repeat(280) }).success).toBe(true);
	});

	it.each([[''], ['   '], ['x'.repeat(281)]])('refuses %j with a message about the length', (message) => {
		const r = ZPostNoticeInput.safeParse({ message });
		expect(r.success).toBe(false);
		expect(r.error!.issues[0]!.path).toEqual(['message']);
	});

	it('takes an optional expiry in whole minutes, up to a week', () => {
		expect(ZPostNoticeInput.parse({ message: 'm', expiresInMinutes: 30 }).expiresInMinutes).toBe(30);
		for (const bad of [0, -5, 1.5, 10081, '30']) expect(ZPostNoticeInput.safeParse({ message: 'm', expiresInMinutes: bad }).success).toBe(false);
	});

	it('refuses unknown fields, such as a client trying to pick the hospital', () => {
		expect(ZPostNoticeInput.safeParse({ message: 'm', hospitalId: 'x' }).success).toBe(false);
	});
});
