import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const PUT = endpoint(async (event) =>
	ok(await getRuntime().services.patientImports.setMapping(requireActor(event), event.params.importId!, await readJson(event.request), event.locals.locale))
);
