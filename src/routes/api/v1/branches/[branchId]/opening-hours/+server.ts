import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

export const GET = endpoint(async (event) => ok(await catalogue().openingHours(requireActor(event), event.params.branchId!)));

/** Replace the week's opening hours; a day left out or null is closed. */
export const PUT = endpoint(async (event) => ok(await catalogue().saveOpeningHours(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
