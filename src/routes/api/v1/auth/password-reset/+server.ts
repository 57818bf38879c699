import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { RESET_MINUTES } from '#lib/server/auth/password.service.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

/** Always the same answer, whether or not the address has an account. */
export const POST = endpoint(async (event) => {
	const { locale } = event.locals;
	await getRuntime().services.passwords.requestReset(await readJson(event.request), requestMeta(event), locale);
	return json({ message: translate(locale, 'api.passwordReset.accepted', { minutes: RESET_MINUTES }) }, { status: 202 });
});
