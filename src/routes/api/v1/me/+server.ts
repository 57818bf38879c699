import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint((event) => ok(getRuntime().services.auth.me(requireActor(event))));
