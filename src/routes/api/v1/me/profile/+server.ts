import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.profile.get(requireActor(event))));

/** Change my name, phone or preferences; send the version you saw. */
export const PATCH = endpoint(async (event) =>
	ok(await getRuntime().services.profile.update(requireActor(event), await readJson(event.request), requestMeta(event)))
);
