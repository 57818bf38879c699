import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Change my password; this session continues under a new token (set as the cookie). */
export const POST = endpoint(async (event) => {
	const { services, config } = getRuntime();
	const result = await services.passwords.change(requireActor(event), await readJson(event.request), requestMeta(event));
	setSessionCookie(event.cookies, config, result.token, result.expiresAt);
	return ok({ changed: true, endedOtherSessions: result.endedOthers });
});
