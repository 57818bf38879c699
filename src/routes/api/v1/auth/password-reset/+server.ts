import { json } from '@sveltejs/kit';
import { endpoint, readJson } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const RESET_ANSWER = 'If an account uses that address, a link to reset its password is on its way. It works once, for 30 minutes.';

/** Always the same answer, whether or not the address has an account. */
export const POST = endpoint(async (event) => {
	await getRuntime().services.passwords.requestReset(await readJson(event.request), requestMeta(event));
	return json({ message: RESET_ANSWER }, { status: 202 });
});
