import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

/** Rename, change its kind, or move it to another room (roomId; null: in store); send the version you saw. */
export const PATCH = endpoint(async (event) => ok(await catalogue().updateDevice(requireActor(event), event.params.branchId!, event.params.deviceId!, await readJson(event.request), requestMeta(event))));
