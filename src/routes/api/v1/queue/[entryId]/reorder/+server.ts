import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Move a waiting patient to just before another (or to the end). */
export const POST = endpoint(async (event) => ok(await getRuntime().services.queue.reorder(requireActor(event), event.params.entryId!, await readJson(event.request), requestMeta(event))));
