import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Email the offered time to the patient, in their language, if they agreed to email. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.waitlist.notify(requireActor(event), event.params.entryId!, await readJson(event.request), requestMeta(event))));
