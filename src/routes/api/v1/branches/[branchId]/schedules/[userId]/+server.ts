import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

export const GET = endpoint(async (event) => ok(await catalogue().schedule(requireActor(event), event.params.branchId!, event.params.userId!)));

/** Replace the practitioner's week at this branch in one save. */
export const PUT = endpoint(async (event) => ok(await catalogue().saveWeek(requireActor(event), event.params.branchId!, event.params.userId!, await readJson(event.request), requestMeta(event))));
