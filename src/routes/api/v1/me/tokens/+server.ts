import { created, endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok({ tokens: await getRuntime().services.tokens.list(requireActor(event)) }));

/** A new token; the secret is in this answer only. */
export const POST = endpoint(async (event) =>
	created(await getRuntime().services.tokens.create(requireActor(event), await readJson(event.request), requestMeta(event)))
);
