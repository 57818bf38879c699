import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Clear a notice for everyone in the branch. */
export const DELETE = endpoint(async (event) => {
	const notice = await getRuntime().services.notices.clear(requireActor(event), event.params.branchId!, event.params.id!);
	return ok(notice);
});
