import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** My latest notifications and how many are unread. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.notifications.list(requireActor(event))));
