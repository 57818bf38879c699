import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Start setting up an authenticator (asks for the password again): the secret, its URI and a QR code. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.mfa.startTotp(requireActor(event), await readJson(event.request))));
