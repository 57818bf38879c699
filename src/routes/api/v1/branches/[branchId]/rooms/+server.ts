import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.booking.rooms(requireActor(event), event.params.branchId!)));
