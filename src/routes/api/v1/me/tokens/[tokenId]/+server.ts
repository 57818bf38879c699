import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.tokens.revoke(requireActor(event), event.params.tokenId!, requestMeta(event));
	return new Response(null, { status: 204 });
});
