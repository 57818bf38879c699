import type { Actor } from '../../shared/access/actor.ts';
import { ZUpdateProfileInput, type Profile } from '../../shared/profile/profile.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { canAnywhere } from '../../shared/access/actor.ts';
import { imageType, stripPhotoMetadata } from './image.ts';

export const PHOTO_MAX_BYTES = 500 * 1024;

export function photoTooLarge(): DomainError {
	const kilobytes = PHOTO_MAX_BYTES / 1024;
	return new DomainError('VALIDATION_FAILED', msg('errors.profile.photoTooLarge', { kilobytes }), { fields: { photo: [msg('errors.profile.photoAtMost', { kilobytes })] } });
}

interface Row {
	name: string;
	email: string;
	phone: string | null;
	theme: Profile['theme'];
	notice_toasts: boolean;
	language: Profile['language'];
	email_alerts: boolean;
	version: number;
	has_photo?: boolean;
}

const toDto = (r: Row): Profile => ({ name: r.name, email: r.email, phone: r.phone, theme: r.theme, noticeToasts: r.notice_toasts, language: r.language, emailAlerts: r.email_alerts, hasPhoto: !!r.has_photo, version: r.version });

/** The signed-in person's own details and preferences (email changes are for a later issue). */
export function createProfileService({ orm }: ServiceDeps) {
	return {
		async get(actor: Actor): Promise<Profile> {
			const [row] = await orm.em.fork().execute<Row[]>(
				'select name, email, phone, theme, notice_toasts, language, email_alerts, version, exists(select 1 from user_photo p where p.user_id = app_user.id) as has_photo from app_user where id = ?',
				[actor.userId]
			);
			return toDto(row!);
		},

		/** A JPEG, PNG or WebP up to 500 KB, judged by its bytes; a JPEG loses its EXIF (e.g. GPS). */
		async setPhoto(actor: Actor, bytes: Uint8Array, meta: SessionMeta = {}): Promise<void> {
			if (!bytes.length) throw new DomainError('VALIDATION_FAILED', msg('errors.profile.photoMissing'), { fields: { photo: [msg('errors.profile.choosePhoto')] } });
			if (bytes.length > PHOTO_MAX_BYTES) throw photoTooLarge();
			const type = imageType(bytes);
			if (!type) throw new DomainError('VALIDATION_FAILED', msg('errors.profile.photoType'), { fields: { photo: [msg('errors.profile.photoTypeHint')] } });
			const data = stripPhotoMetadata(type, bytes);
			await orm.em.fork().transactional(async (em) => {
				await em.execute(
					`insert into user_photo (user_id, content_type, data, updated_at) values (?, ?, ?, now())
					 on conflict (user_id) do update set content_type = excluded.content_type, data = excluded.data, updated_at = now()`,
					[actor.userId, type, Buffer.from(data)],
					'run'
				);
				await appendAudit(em, { hospitalId: actor.hospitalId, actorUserId: actor.userId, actorLabel: actor.name, action: 'user.photo_changed', targetType: 'user', targetId: actor.userId, ip: meta.ip, userAgent: meta.userAgent });
			});
		},

		async removePhoto(actor: Actor): Promise<void> {
			await orm.em.fork().execute('delete from user_photo where user_id = ?', [actor.userId], 'run');
		},

		/** A colleague's photo: one's own, or anyone's in the hospital for people who may see staff. */
		async photoOf(actor: Actor, userId: string): Promise<{ contentType: string; data: Uint8Array; updatedAt: Date }> {
			if (!/^[0-9a-f-]{36}$/i.test(userId) || (userId !== actor.userId && !canAnywhere(actor, 'users:read'))) throw new DomainError('NOT_FOUND', msg('errors.profile.noPhoto'));
			const [row] = await orm.em.fork().execute<{ content_type: string; data: Buffer; updated_at: Date }[]>(
				'select p.content_type, p.data, p.updated_at from user_photo p join app_user u on u.id = p.user_id where p.user_id = ? and u.hospital_id = ?',
				[userId, actor.hospitalId]
			);
			if (!row) throw new DomainError('NOT_FOUND', msg('errors.profile.noPhoto'));
			return { contentType: row.content_type, data: new Uint8Array(row.data), updatedAt: new Date(row.updated_at) };
		},

		async update(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<Profile> {
			const data = parseInput(ZUpdateProfileInput, input);
			return orm.em.fork().transactional(async (em) => {
				const [before] = await em.execute<Row[]>('select name, email, phone, theme, notice_toasts, language, email_alerts, version from app_user where id = ? for update', [actor.userId]);
				if (data.version !== undefined && before!.version !== data.version) {
					throw new DomainError('STALE_VERSION', msg('errors.profile.stale'), { details: { current: toDto(before!) } });
				}
				const [after] = await em.execute<Row[]>(
					`update app_user set name = coalesce(?, name), phone = case when ? then ? else phone end, theme = coalesce(?, theme),
					   notice_toasts = coalesce(?, notice_toasts), language = case when ? then ? else language end,
					   email_alerts = coalesce(?, email_alerts), version = version + 1
					 where id = ? returning name, email, phone, theme, notice_toasts, language, email_alerts, version,
					   exists(select 1 from user_photo p where p.user_id = app_user.id) as has_photo`,
					[data.name ?? null, data.phone !== undefined, data.phone ?? null, data.theme ?? null, data.noticeToasts ?? null, data.language !== undefined, data.language ?? null, data.emailAlerts ?? null, actor.userId]
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
