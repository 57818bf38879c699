import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Mark or unmark priority, with a reason. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.queue.setPriority(requireActor(event), event.params.entryId!, await readJson(event.request), requestMeta(event))));
