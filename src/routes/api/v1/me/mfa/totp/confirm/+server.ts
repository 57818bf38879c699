import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Prove the authenticator with a first code; answers with 10 recovery codes, shown only this once. */
export const POST = endpoint(async (event) =>
	ok({ recoveryCodes: await getRuntime().services.mfa.confirmTotp(requireActor(event), await readJson(event.request), requestMeta(event)) })
);
