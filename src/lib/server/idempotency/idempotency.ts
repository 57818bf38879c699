import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;
const KEPT_HOURS = 24;

export interface StoredAnswer {
	status: number;
	body: string;
}

/**
 * Run a request at most once per `Idempotency-Key` (per person): a retry with the same key and the
 * same body gets the first answer again; the same key with a different body is refused (422); a
 * retry while the first is still running is told to wait (409). Server errors are not kept, so
 * they can be retried. Without a key, the request simply runs.
 */
export async function onceForKey(
	orm: MikroORM,
	at: { userId: string; key: string | null; scope: string; body: unknown },
	run: () => Promise<StoredAnswer>
): Promise<StoredAnswer & { replayed: boolean }> {
	if (at.key === null) return { ...(await run()), replayed: false };
	if (!KEY.test(at.key)) throw new DomainError('VALIDATION_FAILED', msg('idempotency.badKey'), { fields: { 'Idempotency-Key': [msg('idempotency.badKey')] } });
	const hash = createHash('sha256').update(`${at.scope}\n${JSON.stringify(at.body)}`).digest('hex');
	const em = orm.em.fork();
	await em.execute(`delete from idempotency_record where created_at < now() - (? * interval '1 hour')`, [KEPT_HOURS], 'run');
	const inserted = await em.execute<{ key: string }[]>(
		`insert into idempotency_record (user_id, key, scope, request_hash, status, response, created_at) values (?, ?, ?, ?, null, null, now())
		 on conflict (user_id, key) do nothing returning key`,
		[at.userId, at.key, at.scope, hash]
	);
	if (!inserted.length) {
		const [first] = await em.execute<{ scope: string; request_hash: string; status: number | null; response: string | null }[]>(
			'select scope, request_hash, status, response from idempotency_record where user_id = ? and key = ?',
			[at.userId, at.key]
		);
		if (!first || first.scope !== at.scope || first.request_hash !== hash) throw new DomainError('UNPROCESSABLE', msg('idempotency.reused'));
		if (first.status === null) throw new DomainError('IN_PROGRESS', msg('idempotency.inProgress'));
		return { status: first.status, body: first.response ?? '', replayed: true };
	}
	let answer: StoredAnswer;
	try {
		answer = await run();
	} catch (e) {
		// Nothing to replay: let the caller retry with the same key.
		await em.execute('delete from idempotency_record where user_id = ? and key = ?', [at.userId, at.key], 'run');
		throw e;
	}
	if (answer.status >= 500) await em.execute('delete from idempotency_record where user_id = ? and key = ?', [at.userId, at.key], 'run');
	else await em.execute('update idempotency_record set status = ?, response = ? where user_id = ? and key = ?', [answer.status, answer.body, at.userId, at.key], 'run');
	return { ...answer, replayed: false };
}
