import { fail, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';

export const load = async ({ params }) => ({ invitation: await getRuntime().services.users.invitationFor(params.token) });

export const actions = {
	default: async (event) => {
		const { services, config, logger } = getRuntime();
		const form = await event.request.formData();
		try {
			const session = await services.users.acceptInvitation(
				{ token: event.params.token, password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') },
				requestMeta(event)
			);
			setSessionCookie(event.cookies, config, session.token, session.expiresAt);
		} catch (e) {
			const p = toProblem(e, logger, { locale: event.locals.locale });
			return fail(p.status, { error: p.detail, fields: p.errors ?? {} });
		}
		redirect(303, '/');
	}
};
