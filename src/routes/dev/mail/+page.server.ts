import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Demo only: the mail the app would have sent, so invitation links can be tried without a mail server. */
export const load = async () => {
	const runtime = getRuntime();
	if (!runtime.demoMode) error(404, 'Not found');
	return { mails: await runtime.mailer.stored() };
};
