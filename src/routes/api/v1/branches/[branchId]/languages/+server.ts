import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

export const GET = endpoint(async (event) => ok(await catalogue().languages(requireActor(event), event.params.branchId!)));

/** The languages the waiting room hears call-outs in, first to last. */
export const PUT = endpoint(async (event) => ok(await catalogue().saveLanguages(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
