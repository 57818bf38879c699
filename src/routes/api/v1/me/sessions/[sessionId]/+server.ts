import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.auth.revokeOwnSession(requireActor(event), event.params.sessionId!, requestMeta(event));
	return new Response(null, { status: 204 });
});
