import type { Actor } from '../../shared/access/actor.ts';
import { ZUpdateProfileInput, type Profile } from '../../shared/profile/profile.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import type { ServiceDeps } from '../runtime/deps.ts';

interface Row {
	name: string;
	email: string;
	phone: string | null;
	theme: Profile['theme'];
	notice_toasts: boolean;
	version: number;
}

const toDto = (r: Row): Profile => ({ name: r.name, email: r.email, phone: r.phone, theme: r.theme, noticeToasts: r.notice_toasts, version: r.version });

/** The signed-in person's own details and preferences (email changes are for a later issue). */
export function createProfileService({ orm }: ServiceDeps) {
	return {
		async get(actor: Actor): Promise<Profile> {
			const [row] = await orm.em.fork().execute<Row[]>('select name, email, phone, theme, notice_toasts, version from app_user where id = ?', [actor.userId]);
			return toDto(row!);
		},

		async update(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<Profile> {
			const data = parseInput(ZUpdateProfileInput, input);
			return orm.em.fork().transactional(async (em) => {
				const [before] = await em.execute<Row[]>('select name, email, phone, theme, notice_toasts, version from app_user where id = ? for update', [actor.userId]);
				if (data.version !== undefined && before!.version !== data.version) {
					throw new DomainError('STALE_VERSION', 'Your details were changed elsewhere in the meantime; review them and try again', { details: { current: toDto(before!) } });
				}
				const [after] = await em.execute<Row[]>(
					`update app_user set name = coalesce(?, name), phone = case when ? then ? else phone end, theme = coalesce(?, theme),
					   notice_toasts = coalesce(?, notice_toasts), version = version + 1
					 where id = ? returning name, email, phone, theme, notice_toasts, version`,
					[data.name ?? null, data.phone !== undefined, data.phone ?? null, data.theme ?? null, data.noticeToasts ?? null, actor.userId]
				);
				if (before!.name !== after!.name || before!.phone !== after!.phone) {
					await appendAudit(em, {
						hospitalId: actor.hospitalId,
						actorUserId: actor.userId,
						actorLabel: after!.name,
						action: 'user.profile_updated',
						targetType: 'user',
						targetId: actor.userId,
						before: { name: before!.name, phone: before!.phone },
						after: { name: after!.name, phone: after!.phone },
						ip: meta.ip,
						userAgent: meta.userAgent
					});
				}
				return toDto(after!);
			});
		}
	};
}
