import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Who is waiting for an earlier slot at the branch, longest first. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.waitlist.list(requireActor(event), event.params.branchId!)));

/** Put a patient on the waitlist (one waiting entry per patient and service). */
export const POST = endpoint(async (event) => created(await getRuntime().services.waitlist.join(requireActor(event), event.params.branchId!, await readJson(event.request), requestMeta(event))));
