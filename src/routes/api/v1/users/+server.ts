import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.users.list(requireActor(event), Object.fromEntries(event.url.searchParams))));

/** Invite: creates the account and emails a single-use link to set a password. */
export const POST = endpoint(async (event) =>
	created(await getRuntime().services.users.invite(requireActor(event), await readJson(event.request), requestMeta(event), event.locals.locale))
);
