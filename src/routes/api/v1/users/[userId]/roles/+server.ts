import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Grant a role, hospital-wide (branchId null) or in one branch. */
export const POST = endpoint(async (event) =>
	ok(await getRuntime().services.users.grantRole(requireActor(event), event.params.userId!, await readJson(event.request), requestMeta(event)))
);
