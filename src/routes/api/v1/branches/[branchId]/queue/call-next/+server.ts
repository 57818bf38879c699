import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Call the next patient waiting for the caller (or for whoever is free) to a room → the called entry; 404 when nobody waits. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.queue.callNext(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
