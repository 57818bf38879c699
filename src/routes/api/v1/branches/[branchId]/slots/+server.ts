import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Free slots for a service between two instants, in time order (15-minute steps on the branch's clock). */
export const GET = endpoint(async (event) => ok(await getRuntime().services.booking.slots(requireActor(event), event.params.branchId!, Object.fromEntries(event.url.searchParams))));
