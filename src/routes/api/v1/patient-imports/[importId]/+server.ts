import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The import, its report in the caller's language, and (while the file is kept) its columns and first rows. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.patientImports.get(requireActor(event), event.params.importId!, event.locals.locale)));
