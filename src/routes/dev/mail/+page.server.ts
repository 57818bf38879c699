import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

/** Demo only: the mail the app would have sent, so invitation links can be tried without a mail server. */
export const load = async ({ locals }) => {
	const runtime = getRuntime();
	if (!runtime.demoMode) error(404, translate(locals.locale, 'error.NOT_FOUND'));
	return { mails: await runtime.mailer.stored() };
};
