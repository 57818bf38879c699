import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** Out of service with a reason; answers with the booked appointments still in the room, to move. */
export const POST = endpoint(async (event) => ok(await catalogue().takeRoomOutOfService(requireActor(event), event.params.branchId!, event.params.roomId!, await readJson(event.request), requestMeta(event))));
