import { endpoint, ok, readJson } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** 200 `{ user }`, or `{ mfaRequired: true }` with a session that can only complete MFA. */
export const POST = endpoint(async (event) => {
	const { services, config } = getRuntime();
	const result = await services.auth.login(await readJson(event.request), requestMeta(event));
	setSessionCookie(event.cookies, config, result.token, result.expiresAt);
	return ok(result.mfaRequired ? { mfaRequired: true } : { user: result.user });
});
