import { endpoint, ok, readJson } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Set a password from an invitation link; answers with the session cookie (signed in). */
export const POST = endpoint(async (event) => {
	const { services, config } = getRuntime();
	const session = await services.users.acceptInvitation(await readJson(event.request), requestMeta(event));
	setSessionCookie(event.cookies, config, session.token, session.expiresAt);
	return ok({ joined: true });
});
