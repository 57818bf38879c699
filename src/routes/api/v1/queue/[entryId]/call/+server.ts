import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Call this token to a room (again, if already called): the board announces it. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.queue.call(requireActor(event), event.params.entryId!, await readJson(event.request), requestMeta(event))));
