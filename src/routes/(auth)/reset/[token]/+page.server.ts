import { fail } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';

export const load = async ({ params }) => ({ valid: await getRuntime().services.passwords.resetIsValid(params.token) });

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			await getRuntime().services.passwords.completeReset(
				{ token: event.params.token, password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') },
				requestMeta(event)
			);
		} catch (e) {
			const p = toProblem(e, getRuntime().logger, { locale: event.locals.locale });
			return fail(p.status, { error: p.detail, fields: p.errors ?? {} });
		}
		return { done: true };
	}
};
