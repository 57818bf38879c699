import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok({ entries: await getRuntime().services.patients.history(requireActor(event), event.params.patientId!, requestMeta(event)) }));

export const POST = endpoint(async (event) =>
	created(await getRuntime().services.patients.addHistory(requireActor(event), event.params.patientId!, await readJson(event.request), requestMeta(event)))
);
