import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../../shared/access/actor.ts';
import { toProblem } from '../errors/error-mapping.ts';
import { getRuntime } from '../runtime/registry.ts';
import { requestMeta } from './request-meta.ts';
import { translate } from '../../shared/i18n/translate.ts';

/**
 * Run a form action's service call: hand it the actor, the form fields and where the request
 * came from; a domain error comes back as fail() with the message, field errors and the values
 * typed, so the form keeps them.
 */
export async function formAction<T>(
	event: RequestEvent,
	run: (ctx: { actor: Actor; form: Record<string, string>; formData: FormData; meta: ReturnType<typeof requestMeta> }) => Promise<T>
) {
	const actor = event.locals.actor;
	if (!actor) error(401, translate(event.locals.locale, 'common.signInAgain'));
	const formData = await event.request.formData();
	const form: Record<string, string> = {};
	for (const [k, v] of formData) if (typeof v === 'string' && !/password/i.test(k)) form[k] = v;
	try {
		return await run({ actor, form, formData, meta: requestMeta(event) });
	} catch (e) {
		const p = toProblem(e, getRuntime().logger, { locale: event.locals.locale });
		return fail(p.status, { error: p.detail, fields: p.errors ?? {}, values: form });
	}
}
