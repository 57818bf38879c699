import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Revoke a TV: its token stops working and its connection closes within a second. */
export const DELETE = endpoint(async (event) => ok(await getRuntime().services.boards.revoke(requireActor(event), event.params.deviceId!, requestMeta(event))));
