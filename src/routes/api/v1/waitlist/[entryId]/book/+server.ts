import { created, endpoint, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Book the waiting patient into an offered time: 201, or 409 when it was taken meanwhile (the entry keeps waiting). */
export const POST = endpoint(async (event) => created(await getRuntime().services.waitlist.book(requireActor(event), event.params.entryId!, await readJson(event.request), requestMeta(event))));
