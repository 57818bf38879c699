import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The signed-in practitioner's appointments today at the branch, and the branch's queue. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.queue.myDay(requireActor(event), event.params.branchId!)));
