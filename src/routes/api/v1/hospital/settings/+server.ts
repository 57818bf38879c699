import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.settings.get(requireActor(event))));

export const PATCH = endpoint(async (event) =>
	ok(await getRuntime().services.settings.update(requireActor(event), await readJson(event.request), requestMeta(event)))
);
