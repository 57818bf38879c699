import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { branchOf, can, type Actor } from '../../shared/access/actor.ts';
import { ZCreateBoardInput, ZPairBoardInput, type BoardDeviceDto, type BoardState } from '../../shared/boards/board.schema.ts';
import { msg } from '../../shared/i18n/translate.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { boardState, branchToday, queueSnapshot } from '../queue/queue-snapshot.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { consumeOrRefuse, type RateLimits } from '../auth/rate-limits.ts';
import { isUuid } from '../../shared/ids.ts';

/** Letters and digits that cannot be mistaken for one another when read off a screen. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_MINUTES = 15;
/** Device tokens carry a prefix so they are never confused with staff API tokens. */
const TOKEN_PREFIX = 'ssb_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Codes are typed on a TV remote: case, spaces and dashes do not matter. */
const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export interface BoardIdentity {
	deviceId: string;
	hospitalId: string;
	branchId: string;
}

interface DeviceRow {
	id: string;
	branch_id: string;
	name: string;
	pairing_expires_at: Date | null;
	paired_at: Date | null;
	last_seen_at: Date | null;
	revoked_at: Date | null;
	created_at: Date;
}

function toDto(r: DeviceRow, at: number): BoardDeviceDto {
	const iso = (d: Date | null) => (d ? new Date(d).toISOString().replace('Z', '+00:00') : null);
	const state: BoardDeviceDto['state'] = r.revoked_at ? 'revoked' : r.paired_at ? 'paired' : r.pairing_expires_at && new Date(r.pairing_expires_at).getTime() > at ? 'waiting-to-pair' : 'expired';
	return { id: r.id, branchId: r.branch_id, name: r.name, state, pairingExpiresAt: iso(r.pairing_expires_at), pairedAt: iso(r.paired_at), lastSeenAt: iso(r.last_seen_at), revokedAt: iso(r.revoked_at), createdAt: iso(r.created_at)! };
}

const DEVICE_COLUMNS = 'id, branch_id, name, pairing_expires_at, paired_at, last_seen_at, revoked_at, created_at';

/**
 * Waiting-room TVs. An admin adds a board for a branch and reads a one-time pairing code off the
 * screen; the TV trades the code for a device token that reads that branch's board and nothing
 * else. Revoking cuts the TV off within a second (the socket watchdog checks).
 */
export function createBoardService({ orm, rateLimits, now = Date.now }: ServiceDeps & { rateLimits: RateLimits }) {
	function requireManage(actor: Actor, branchId: string) {
		if (!isUuid(branchId) || !branchOf(actor, branchId)) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, 'boards:manage', branchId)) throw new DomainError('FORBIDDEN');
	}

	function newCode(): string {
		let code = '';
		for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
		return code;
	}

	async function loadDevice(em: EntityManager, actor: Actor, id: string): Promise<DeviceRow> {
		const [row] = isUuid(id) ? await em.execute<DeviceRow[]>(`select ${DEVICE_COLUMNS} from board_device where id = ? and hospital_id = ?`, [id, actor.hospitalId]) : [];
		if (!row || !branchOf(actor, row.branch_id)) throw new DomainError('NOT_FOUND', msg('boards.errors.notFound'));
		requireManage(actor, row.branch_id);
		return row;
	}

	async function issueCode(em: EntityManager, id: string): Promise<string> {
		const code = newCode();
		await em.execute(`update board_device set pairing_code_hash = ?, pairing_expires_at = now() + (? * interval '1 minute') where id = ?`, [sha256(code), PAIRING_MINUTES, id], 'run');
		return `${code.slice(0, 4)}-${code.slice(4)}`;
	}

	return {
		async list(actor: Actor, branchId: string): Promise<{ items: BoardDeviceDto[] }> {
			requireManage(actor, branchId);
			const rows = await orm.em.fork().execute<DeviceRow[]>(`select ${DEVICE_COLUMNS} from board_device where branch_id = ? and hospital_id = ? order by created_at desc`, [branchId, actor.hospitalId]);
			return { items: rows.map((r) => toDto(r, now())) };
		},

		/** Add a board; the answer carries the pairing code, shown once, valid for 15 minutes. */
		async create(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<{ device: BoardDeviceDto; code: string }> {
			requireManage(actor, branchId);
			const data = parseInput(ZCreateBoardInput, input);
			return orm.em.fork().transactional(async (em) => {
				const [row] = await em.execute<{ id: string }[]>(
					`insert into board_device (id, hospital_id, branch_id, name, created_by_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now()) returning id`,
					[actor.hospitalId, branchId, data.name, actor.userId]
				);
				const code = await issueCode(em, row!.id);
				await appendAudit(em, { hospitalId: actor.hospitalId, branchId, actorUserId: actor.userId, actorLabel: actor.name, action: 'board.created', targetType: 'board_device', targetId: row!.id, after: { name: data.name }, ip: meta.ip, userAgent: meta.userAgent });
				const [device] = await em.execute<DeviceRow[]>(`select ${DEVICE_COLUMNS} from board_device where id = ?`, [row!.id]);
				return { device: toDto(device!, now()), code };
			});
		},

		/** A fresh pairing code for a board not yet paired (the last one expired or was lost). */
		async renewCode(actor: Actor, id: string, meta: SessionMeta = {}): Promise<{ device: BoardDeviceDto; code: string }> {
			return orm.em.fork().transactional(async (em) => {
				const row = await loadDevice(em, actor, id);
				if (row.revoked_at || row.paired_at) throw new DomainError('UNPROCESSABLE', msg('boards.errors.alreadyPaired'));
				const code = await issueCode(em, id);
				await appendAudit(em, { hospitalId: actor.hospitalId, branchId: row.branch_id, actorUserId: actor.userId, actorLabel: actor.name, action: 'board.code-renewed', targetType: 'board_device', targetId: id, ip: meta.ip, userAgent: meta.userAgent });
				const [device] = await em.execute<DeviceRow[]>(`select ${DEVICE_COLUMNS} from board_device where id = ?`, [id]);
				return { device: toDto(device!, now()), code };
			});
		},

		/** Cut a TV off: its token stops working and its connection is closed within a second. */
		async revoke(actor: Actor, id: string, meta: SessionMeta = {}): Promise<BoardDeviceDto> {
			return orm.em.fork().transactional(async (em) => {
				const row = await loadDevice(em, actor, id);
				await em.execute('update board_device set revoked_at = coalesce(revoked_at, now()), pairing_code_hash = null where id = ?', [id], 'run');
				await appendAudit(em, { hospitalId: actor.hospitalId, branchId: row.branch_id, actorUserId: actor.userId, actorLabel: actor.name, action: 'board.revoked', targetType: 'board_device', targetId: id, ip: meta.ip, userAgent: meta.userAgent });
				const [device] = await em.execute<DeviceRow[]>(`select ${DEVICE_COLUMNS} from board_device where id = ?`, [id]);
				return toDto(device!, now());
			});
		},

		/** The TV's side: trade a valid pairing code (once) for its device token. */
		async pair(input: unknown, meta: SessionMeta = {}): Promise<{ token: string; deviceId: string; branch: { id: string; name: string; code: string } }> {
			// Codes are short enough to type on a remote: guesses count against the sign-in limit.
			await consumeOrRefuse(rateLimits.signIn, `board:${meta.ip ?? 'unknown'}`);
			const data = parseInput(ZPairBoardInput, input);
			const code = normaliseCode(data.code);
			return orm.em.fork().transactional(async (em) => {
				const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
				const [row] = await em.execute<{ id: string; hospital_id: string; branch_id: string }[]>(
					`update board_device set token_hash = ?, paired_at = now(), last_seen_at = now(), pairing_code_hash = null, pairing_expires_at = null
					 where pairing_code_hash = ? and pairing_expires_at > now() and revoked_at is null and paired_at is null returning id, hospital_id, branch_id`,
					[sha256(token), sha256(code)]
				);
				if (!row) throw new DomainError('VALIDATION_FAILED', msg('boards.v.codeUnknown'), { fields: { code: [msg('boards.v.codeUnknown')] } });
				const [branch] = await em.execute<{ id: string; name: string; code: string }[]>('select id, name, lower(code) as code from branch where id = ?', [row.branch_id]);
				await appendAudit(em, { hospitalId: row.hospital_id, branchId: row.branch_id, actorUserId: null, actorLabel: 'board', action: 'board.paired', targetType: 'board_device', targetId: row.id, ip: meta.ip, userAgent: meta.userAgent });
				return { token, deviceId: row.id, branch: branch! };
			});
		},

		/** Who a device token belongs to, or null when unknown or revoked. */
		async validate(token: string | null | undefined): Promise<BoardIdentity | null> {
			if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
			const [row] = await orm.em.fork().execute<{ id: string; hospital_id: string; branch_id: string }[]>(
				`update board_device set last_seen_at = now() where token_hash = ? and revoked_at is null returning id, hospital_id, branch_id`,
				[sha256(token)]
			);
			return row ? { deviceId: row.id, hospitalId: row.hospital_id, branchId: row.branch_id } : null;
		},

		/** Of these devices, the ones still allowed to show their board (for the socket watchdog). */
		async liveDevices(ids: string[]): Promise<Set<string>> {
			if (!ids.length) return new Set();
			const rows = await orm.em.fork().execute<{ id: string }[]>(`select id from board_device where id = any(?::uuid[]) and revoked_at is null and paired_at is not null`, [`{${ids.join(',')}}`]);
			return new Set(rows.map((r) => r.id));
		},

		/** What the board of the device's branch shows now. */
		async state(board: BoardIdentity): Promise<BoardState> {
			const em = orm.em.fork();
			const { day } = await branchToday(em, board.branchId);
			return boardState(em, await queueSnapshot(em, board.branchId, day, now(), false));
		}
	};
}

export type BoardService = ReturnType<typeof createBoardService>;
