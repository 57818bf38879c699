import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The signed-in patient's own record (portal accounts only). */
export const GET = endpoint(async (event) => ok(await getRuntime().services.portal.own(requireActor(event))));

/** Contact details and consents; send the version you saw. */
export const PATCH = endpoint(async (event) => ok(await getRuntime().services.portal.updateOwn(requireActor(event), await readJson(event.request), requestMeta(event))));
