import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Start or finish the visit, mark that the patient left, or put a called patient back in line. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.queue.setStatus(requireActor(event), event.params.entryId!, await readJson(event.request), requestMeta(event))));
