import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Search by name (prefix or typo), full phone number, email or MRN; no `q` lists the most recently changed. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.patients.search(requireActor(event), Object.fromEntries(event.url.searchParams))));

export const POST = endpoint(async (event) => created(await getRuntime().services.patients.register(requireActor(event), await readJson(event.request), requestMeta(event))));
