import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.users.get(requireActor(event), event.params.userId!)));

export const PATCH = endpoint(async (event) =>
	ok(await getRuntime().services.users.update(requireActor(event), event.params.userId!, await readJson(event.request), requestMeta(event)))
);
