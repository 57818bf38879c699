import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const POST = endpoint(async (event) => {
	const { services, config } = getRuntime();
	await services.auth.logout(requireActor(event), { ip: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') ?? undefined });
	clearSessionCookie(event.cookies, config);
	return new Response(null, { status: 204 });
});
