import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Take the patient off the waitlist: `?version=` the desk saw. */
export const DELETE = endpoint(async (event) => {
	await getRuntime().services.waitlist.remove(requireActor(event), event.params.entryId!, Object.fromEntries(event.url.searchParams), requestMeta(event));
	return new Response(null, { status: 204 });
});
