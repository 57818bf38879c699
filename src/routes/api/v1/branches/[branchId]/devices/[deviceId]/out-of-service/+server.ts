import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

const catalogue = () => getRuntime().services.catalogue;

export const POST = endpoint(async (event) => ok(await catalogue().takeDeviceOutOfService(requireActor(event), event.params.branchId!, event.params.deviceId!, await readJson(event.request), requestMeta(event))));
