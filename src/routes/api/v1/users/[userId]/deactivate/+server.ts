import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const POST = endpoint(async (event) => ok(await getRuntime().services.users.setActive(requireActor(event), event.params.userId!, false, requestMeta(event))));
