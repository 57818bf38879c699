import { redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { rememberLanguage } from '#lib/server/http/locale.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { isLocale } from '#lib/shared/i18n/locales.ts';

export const load = () => redirect(303, '/');

/** Only a path on this site: never send someone on to another host after switching language. */
function safeNext(value: FormDataEntryValue | null): string {
	return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export const actions = {
	/**
	 * Switch language from any page, signed in or not: the browser remembers it, and a signed-in
	 * person's choice is saved to their profile so it follows them to every device.
	 */
	default: async (event) => {
		const form = await event.request.formData();
		const chosen = form.get('language');
		const language = isLocale(chosen) ? chosen : null;
		const { config, services } = getRuntime();
		rememberLanguage(event.cookies, language, config.secureCookies);
		const actor = event.locals.actor;
		if (actor && actor.mfa === 'ok' && actor.via === 'session') await services.profile.update(actor, { language }, requestMeta(event));
		redirect(303, safeNext(form.get('next')));
	}
};
