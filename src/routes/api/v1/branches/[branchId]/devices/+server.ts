import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** The branch's devices, where each stands, in service or not. */
export const GET = endpoint(async (event) => ok(await catalogue().devices(requireActor(event), event.params.branchId!)));

export const POST = endpoint(async (event) => created(await catalogue().createDevice(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
