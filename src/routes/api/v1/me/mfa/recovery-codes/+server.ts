import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Replace the recovery codes (asks for the password again); the old ones stop working. */
export const POST = endpoint(async (event) =>
	ok({ recoveryCodes: await getRuntime().services.mfa.regenerateRecoveryCodes(requireActor(event), await readJson(event.request), requestMeta(event)) })
);
