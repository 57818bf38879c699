import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** Holidays from `from` (default today) to `to` (default: all ahead). */
export const GET = endpoint(async (event) => ok(await catalogue().holidays(requireActor(event), event.params.branchId!, Object.fromEntries(event.url.searchParams))));

export const POST = endpoint(async (event) => created(await catalogue().addHoliday(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
