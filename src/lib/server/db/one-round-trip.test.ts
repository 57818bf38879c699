import fc from 'fast-check';
import { raw } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { formatStatement, inlinePrepared } from './one-round-trip.ts';

const platform = new PostgreSqlPlatform();

describe('writing values into a statement sent in one round trip', () => {
	it("writes every value as MikroORM's own formatter does", () => {
		const value = fc.oneof(fc.string(), fc.constantFrom("O'Brien", 'C:\\temp', "\\'; drop table patient; --", '?', 'आशा'), fc.integer(), fc.boolean(), fc.constant(null));
		fc.assert(
			fc.property(fc.array(value, { maxLength: 6 }), (params) => {
				const sql = `select ${params.map(() => '?').join(', ') || '1'}`;
				expect(formatStatement(platform, { sql, params })).toBe(platform.formatQuery(sql, params));
			})
		);
	});

	it('writes an SQL expression in as SQL, with its own values quoted', () => {
		expect(formatStatement(platform, { sql: 'select ?, ?', params: [raw('current_setting(?) || ?', ['skinspire.mrn', "it's"]), 'x'] })).toBe(
			"select current_setting('skinspire.mrn') || 'it''s', 'x'"
		);
	});

	it('fills a prepared statement in for em.execute, each $n with its value however often it appears', () => {
		expect(inlinePrepared(platform, { name: 'p', sql: 'select $1::text, $2::int, $1::text, $10' }, ['a\\b', 7, null, null, null, null, null, null, null, "x'"])).toBe(
			"select  E'a\\\\b'::text, 7::int,  E'a\\\\b'::text, 'x'''"
		);
	});
});
