import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Re-compute the hospital's chain; names the first broken row, if any. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.audit.verify(requireActor(event), event.locals.locale)));
