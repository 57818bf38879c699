import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const POST = endpoint(async (event) => ok(await getRuntime().services.booking.setStatus(requireActor(event), event.params.appointmentId!, await readJson(event.request), requestMeta(event))));
