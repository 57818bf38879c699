import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** End every session of that person; their screens are signed out within 2 seconds. */
export const POST = endpoint(async (event) =>
	ok({ ended: await getRuntime().services.users.endSessions(requireActor(event), event.params.userId!, requestMeta(event)) })
);
