import { endpoint, ok, readJson } from '#lib/server/http/api.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const POST = endpoint(async (event) => {
	const { services, config } = getRuntime();
	const result = await services.auth.login(await readJson(event.request), {
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent') ?? undefined
	});
	setSessionCookie(event.cookies, config, result.token, result.expiresAt);
	return ok({ user: result.user });
});
