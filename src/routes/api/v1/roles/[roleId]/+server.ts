import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.roles.get(requireActor(event), event.params.roleId!)));

export const PATCH = endpoint(async (event) =>
	ok(await getRuntime().services.roles.update(requireActor(event), event.params.roleId!, await readJson(event.request), requestMeta(event)))
);

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.roles.remove(requireActor(event), event.params.roleId!, requestMeta(event));
	return new Response(null, { status: 204 });
});
