import { endpoint, ok, readJson } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The TV's side of pairing: a valid code (once) → its device token and branch. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.boards.pair(await readJson(event.request), requestMeta(event))));
