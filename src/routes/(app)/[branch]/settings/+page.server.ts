import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	return { settings: await getRuntime().services.settings.get(locals.actor) };
};

export const actions = {
	save: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			saved: await getRuntime().services.settings.update(
				actor,
				{
					sessionIdleMinutes: form.sessionIdleMinutes ? Number(form.sessionIdleMinutes) : null,
					reminderLeadMinutes: form.reminderLeadMinutes ? Number(form.reminderLeadMinutes) : null,
					version: Number(form.version)
				},
				meta
			)
		}))
};
