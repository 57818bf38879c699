import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const DELETE = endpoint(async (event) =>
	ok(await getRuntime().services.users.revokeRole(requireActor(event), event.params.userId!, event.params.assignmentId!, requestMeta(event)))
);
