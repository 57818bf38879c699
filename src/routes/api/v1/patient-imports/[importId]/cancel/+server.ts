import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** A running step stops at its next batch (what was imported stays); an idle import ends at once. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.patientImports.cancel(requireActor(event), event.params.importId!, event.locals.locale)));
