import { endpoint, readJson } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Set a new password from a reset link; every session of the account ends. Sign in afterwards. */
export const POST = endpoint(async (event) => {
	await getRuntime().services.passwords.completeReset(await readJson(event.request), requestMeta(event));
	return new Response(null, { status: 204 });
});
