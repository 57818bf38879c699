import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Mark `{ ids }` (or, without ids, all) of my notifications read; answers the list after. */
export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	// An empty body means "all of them"; a body that is there must be JSON.
	const body = event.request.headers.get('content-length') === '0' || !event.request.body ? {} : await readJson(event.request);
	return ok(await getRuntime().services.notifications.markRead(actor, body));
});
