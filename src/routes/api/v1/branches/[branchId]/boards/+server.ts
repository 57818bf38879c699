import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The branch's waiting-room TVs. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.boards.list(requireActor(event), event.params.branchId!)));

/** Add a TV: 201 with the device and its one-time pairing code (valid 15 minutes, shown once). */
export const POST = endpoint(async (event) => created(await getRuntime().services.boards.create(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
