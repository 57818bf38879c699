import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createDatabase, query } from '../support/database.ts';
import { migrate, openDatabase } from '../../src/lib/server/db/database.ts';
import { createLogger } from '../../src/lib/server/logging/logger.ts';
import { loadConfig } from '../../src/lib/server/config/config.ts';
import { createSessionService } from '../../src/lib/server/auth/session.service.ts';
import { seedDemo } from '../../src/lib/server/demo/seed.ts';

/** Session timeouts with an injected clock: no waiting, no editing of timestamps. */
let orm: MikroORM;
let userId: string;
let hospitalId: string;
let clock = Date.now();
const MINUTE = 60_000;

beforeAll(async () => {
	orm = await openDatabase(await createDatabase(), createLogger('silent'));
	await migrate(orm);
	await seedDemo(orm);
	const [u] = await orm.em.fork().execute<{ id: string; hospital_id: string }[]>("select id, hospital_id from app_user where email = 'doctor@demo.skinspire.app'");
	userId = u!.id;
	hospitalId = u!.hospital_id;
});
afterAll(async () => {
	await orm?.close(true);
});

function service() {
	return createSessionService({ orm, config: loadConfig({}), logger: createLogger('silent'), afterCommit: () => undefined, now: () => clock });
}

async function newSession() {
	const sessions = service();
	return orm.em.fork().transactional((em) => sessions.create(em, { id: userId, hospitalId }, {}));
}

describe('session timeouts (injected clock)', () => {
	it('end after 30 idle minutes, and activity keeps them going', async () => {
		clock = Date.UTC(2026, 10, 26, 9, 0);
		const { token } = await newSession();
		const sessions = service();
		clock += 29 * MINUTE;
		expect(await sessions.validate(token)).not.toBeNull(); // activity at 09:29
		clock += 29 * MINUTE;
		expect(await sessions.validate(token)).not.toBeNull(); // 09:58, 29 minutes after the last activity
		clock += 31 * MINUTE;
		expect(await sessions.validate(token)).toBeNull(); // 10:29, 31 idle minutes
	});

	it('end 12 hours after sign-in however active they are', async () => {
		clock = Date.UTC(2026, 10, 26, 8, 0);
		const { token } = await newSession();
		const sessions = service();
		for (let h = 0; h < 12 * 60; h += 20) {
			clock += 20 * MINUTE;
			const alive = await sessions.validate(token);
			if (clock - Date.UTC(2026, 10, 26, 8, 0) < 12 * 60 * MINUTE) expect(alive).not.toBeNull();
			else expect(alive).toBeNull();
		}
		expect(await query(orm.config.get('clientUrl')!, 'select 1 from session where id = $1', [token.split('.')[0]])).toHaveLength(0);
	});

	it('follow the hospital’s own idle timeout', async () => {
		await query(orm.config.get('clientUrl')!, 'update hospital set session_idle_minutes = 10 where id = $1', [hospitalId]);
		clock = Date.UTC(2026, 10, 26, 12, 0);
		const { token } = await newSession();
		clock += 11 * MINUTE;
		expect(await service().validate(token)).toBeNull();
		await query(orm.config.get('clientUrl')!, 'update hospital set session_idle_minutes = null where id = $1', [hospitalId]);
	});
});
