import { redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load = () => redirect(303, '/');

export const actions = {
	default: async ({ locals, cookies, getClientAddress, request }) => {
		const { services, config } = getRuntime();
		if (locals.actor) await services.auth.logout(locals.actor, { ip: getClientAddress(), userAgent: request.headers.get('user-agent') ?? undefined });
		clearSessionCookie(cookies, config);
		redirect(303, '/login');
	}
};
