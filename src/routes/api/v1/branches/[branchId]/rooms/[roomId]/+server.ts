import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** Rename, change its type or its place among the calendar's columns; send the version you saw. */
export const PATCH = endpoint(async (event) => ok(await catalogue().updateRoom(requireActor(event), event.params.branchId!, event.params.roomId!, await readJson(event.request), requestMeta(event))));
