import { fail, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { clearSessionCookie, setSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load = ({ locals }) => ({ name: locals.actor?.name ?? '' });

export const actions = {
	default: async (event) => {
		const { services, config, logger } = getRuntime();
		const actor = event.locals.actor;
		if (!actor) redirect(303, '/login');
		const code = String((await event.request.formData()).get('code') ?? '');
		let result;
		try {
			result = await services.mfa.completeChallenge(actor, { code }, requestMeta(event));
		} catch (e) {
			const p = toProblem(e, logger, { locale: event.locals.locale });
			if (p.code === 'UNAUTHENTICATED') {
				clearSessionCookie(event.cookies, config);
				return fail(401, { error: p.detail, ended: true });
			}
			return fail(p.status, { error: p.detail, ended: false });
		}
		setSessionCookie(event.cookies, config, result.token, result.expiresAt);
		const next = event.url.searchParams.get('next');
		redirect(303, next && /^\/[a-z0-9/_-]*$/i.test(next) ? next : '/');
	}
};
