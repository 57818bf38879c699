import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** The hospital's whole service catalogue, inactive services too. */
export const GET = endpoint(async (event) => ok(await catalogue().listServices(requireActor(event))));

/** Add a service to the catalogue (needs scheduling:manage hospital-wide). */
export const POST = endpoint(async (event) => created(await catalogue().createService(requireActor(event), await readJson(event.request), requestMeta(event))));
