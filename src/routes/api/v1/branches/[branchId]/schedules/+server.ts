import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** Everyone who could work at the branch, with their week and leave. */
export const GET = endpoint(async (event) => ok(await catalogue().schedules(requireActor(event), event.params.branchId!)));
