import { created, endpoint, readJson, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Hold a slot for about two minutes while booking it; every other desk sees it held. */
export const POST = endpoint(async (event) => created(await getRuntime().services.booking.hold(requireActor(event), event.params.branchId!, await readJson(event.request))));
