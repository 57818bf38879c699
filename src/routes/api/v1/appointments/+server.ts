import { created, endpoint, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Book: 201 with the appointment, or 409 with what is taken and the nearest free alternatives. */
export const POST = endpoint(async (event) => created(await getRuntime().services.booking.book(requireActor(event), await readJson(event.request), requestMeta(event))));
