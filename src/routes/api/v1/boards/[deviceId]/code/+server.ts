import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** A fresh pairing code for a TV not yet paired. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.boards.renewCode(requireActor(event), event.params.deviceId!, requestMeta(event))));
