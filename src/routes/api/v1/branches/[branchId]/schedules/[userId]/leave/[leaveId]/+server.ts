import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.catalogue.removeLeave(requireActor(event), event.params.branchId!, event.params.userId!, event.params.leaveId!, requestMeta(event));
	return new Response(null, { status: 204 });
});
