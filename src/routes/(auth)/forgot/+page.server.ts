import { fail } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';

export const actions = {
	default: async (event) => {
		const email = String((await event.request.formData()).get('email') ?? '');
		try {
			await getRuntime().services.passwords.requestReset({ email }, requestMeta(event), event.locals.locale);
		} catch (e) {
			const p = toProblem(e, getRuntime().logger, { locale: event.locals.locale });
			return fail(p.status, { email, error: p.detail });
		}
		return { sent: true, email };
	}
};
