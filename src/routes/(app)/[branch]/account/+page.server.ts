import { error, fail, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { clearSessionCookie, setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { rememberLanguage, requestLocale } from '#lib/server/http/locale.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { services } = getRuntime();
	const held = [...new Set([...locals.actor.hospitalPermissions, ...locals.actor.branches.flatMap((b) => b.permissions)])].sort();
	return {
		profile: await services.profile.get(locals.actor),
		sessions: await services.sessions.listOwn(locals.actor),
		mfa: await services.mfa.status(locals.actor),
		tokens: await services.tokens.list(locals.actor),
		heldPermissions: held
	};
};

export const actions = {
	revoke: async (event) => {
		const actor = event.locals.actor;
		if (!actor) error(401, translate(event.locals.locale, 'common.signInAgain'));
		const { services, logger, config } = getRuntime();
		const id = String((await event.request.formData()).get('id') ?? '');
		try {
			await services.auth.revokeOwnSession(actor, id, requestMeta(event));
		} catch (e) {
			const p = toProblem(e, logger, { locale: event.locals.locale });
			return fail(p.status, { error: p.detail });
		}
		if (id === actor.sessionId) {
			clearSessionCookie(event.cookies, config);
			redirect(303, '/login');
		}
		return { revoked: 1 };
	},
	changePassword: async (event) => {
		let token: { token: string; expiresAt: Date } | undefined;
		const result = await formAction(event, async ({ actor, formData, meta }) => {
			const changed = await getRuntime().services.passwords.change(
				actor,
				{ currentPassword: String(formData.get('currentPassword') ?? ''), newPassword: String(formData.get('newPassword') ?? ''), endOtherSessions: formData.get('endOtherSessions') === 'on' },
				meta
			);
			token = changed;
			return { passwordChanged: true, endedOthers: changed.endedOthers };
		});
		if (token) setSessionCookie(event.cookies, getRuntime().config, token.token, token.expiresAt);
		return result;
	},
	saveProfile: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const saved = await getRuntime().services.profile.update(
				actor,
				{
					name: form.name,
					phone: form.phone ? form.phone : null,
					theme: form.theme as 'system' | 'light' | 'dark',
					noticeToasts: form.noticeToasts === 'on',
					emailAlerts: form.emailAlerts === 'on',
					language: form.language ? form.language : null,
					version: Number(form.version)
				},
				meta
			);
			rememberLanguage(event.cookies, saved.language, getRuntime().config.secureCookies);
			// This very answer is already in the new language (the hook chose before the save).
			event.locals.locale = saved.language ?? requestLocale(null, undefined, event.request.headers.get('accept-language'));
			return { profileSaved: saved };
		}),
	uploadPhoto: (event) =>
		formAction(event, async ({ actor, formData, meta }) => {
			const file = formData.get('photo');
			const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
			await getRuntime().services.profile.setPhoto(actor, bytes, meta);
			return { photoSaved: true };
		}),
	removePhoto: (event) =>
		formAction(event, async ({ actor }) => {
			await getRuntime().services.profile.removePhoto(actor);
			return { photoRemoved: true };
		}),
	createToken: (event) =>
		formAction(event, async ({ actor, form, formData, meta }) => ({
			createdToken: await getRuntime().services.tokens.create(
				actor,
				{ name: form.tokenName ?? '', expiresInDays: Number(form.expiresInDays || 0), permissions: formData.getAll('permissions').map(String) },
				meta
			)
		})),
	revokeToken: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			await getRuntime().services.tokens.revoke(actor, form.tokenId ?? '', meta);
			return { tokenRevoked: true };
		}),
	disableMfa: (event) =>
		formAction(event, async ({ actor, formData, meta }) => {
			await getRuntime().services.mfa.disable(actor, { password: String(formData.get('password') ?? '') }, meta);
			return { mfaDisabled: true };
		}),
	newRecoveryCodes: (event) =>
		formAction(event, async ({ actor, formData, meta }) => ({
			recoveryCodes: await getRuntime().services.mfa.regenerateRecoveryCodes(actor, { password: String(formData.get('password') ?? '') }, meta)
		})),
	revokeOthers: async (event) => {
		const actor = event.locals.actor;
		if (!actor) error(401, translate(event.locals.locale, 'common.signInAgain'));
		return { revoked: await getRuntime().services.auth.revokeOtherSessions(actor, requestMeta(event)) };
	}
};
