import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	return { imports: await getRuntime().services.patientImports.list(locals.actor) };
};
