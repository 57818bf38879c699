import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Finish a sign-in with a TOTP or recovery code; the answer carries a new session cookie. */
export const POST = endpoint(async (event) => {
	const { services, config } = getRuntime();
	const result = await services.mfa.completeChallenge(requireActor(event), await readJson(event.request), requestMeta(event));
	setSessionCookie(event.cookies, config, result.token, result.expiresAt);
	return ok({ user: result.user });
});
