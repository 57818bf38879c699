import { endpoint, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Turn the second factor off (asks for the password again; refused when a role requires it). */
export const POST = endpoint(async (event) => {
	await getRuntime().services.mfa.disable(requireActor(event), await readJson(event.request), requestMeta(event));
	return new Response(null, { status: 204 });
});
