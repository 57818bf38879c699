import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => {
	const notices = await getRuntime().services.notices.listActive(requireActor(event), event.params.branchId!);
	return ok({ notices });
});

export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	const notice = await getRuntime().services.notices.post(actor, event.params.branchId!, await readJson(event.request));
	return created(notice);
});
