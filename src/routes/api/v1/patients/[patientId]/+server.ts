import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Every read is written to the audit trail. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.patients.get(requireActor(event), event.params.patientId!, requestMeta(event))));

export const PATCH = endpoint(async (event) =>
	ok(await getRuntime().services.patients.update(requireActor(event), event.params.patientId!, await readJson(event.request), requestMeta(event)))
);
