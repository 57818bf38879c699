import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

export const GET = endpoint(async (event) => ok(await catalogue().getService(requireActor(event), event.params.serviceId!)));

/** Change fields, or deactivate with `active: false`; send the version you saw. */
export const PATCH = endpoint(async (event) => ok(await catalogue().updateService(requireActor(event), event.params.serviceId!, await readJson(event.request), requestMeta(event))));
