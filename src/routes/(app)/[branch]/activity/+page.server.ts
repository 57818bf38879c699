import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals, depends }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	depends('app:activity');
	return { summary: await getRuntime().services.activity.summary(locals.actor) };
};
