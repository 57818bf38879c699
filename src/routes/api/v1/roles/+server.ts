import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok({ roles: await getRuntime().services.roles.list(requireActor(event)) }));

export const POST = endpoint(async (event) =>
	created(await getRuntime().services.roles.create(requireActor(event), await readJson(event.request), requestMeta(event)))
);
