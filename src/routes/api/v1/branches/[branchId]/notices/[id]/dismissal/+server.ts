import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Hide a notice for the signed-in user only. */
export const PUT = endpoint(async (event) => {
	await getRuntime().services.notices.dismiss(requireActor(event), event.params.branchId!, event.params.id!);
	return new Response(null, { status: 204 });
});
