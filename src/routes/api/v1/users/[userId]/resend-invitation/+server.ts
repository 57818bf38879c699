import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const POST = endpoint(async (event) => {
	await getRuntime().services.users.resendInvitation(requireActor(event), event.params.userId!, requestMeta(event), event.locals.locale);
	return new Response(null, { status: 204 });
});
