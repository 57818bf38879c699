import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const first = locals.actor.branches[0];
	return { status: await getRuntime().services.mfa.status(locals.actor), home: first ? `/${first.code.toLowerCase()}` : '/', mustEnrol: locals.actor.mfa === 'enrol' };
};

export const actions = {
	start: (event) =>
		formAction(event, async ({ actor, formData }) => ({ setup: await getRuntime().services.mfa.startTotp(actor, { password: String(formData.get('password') ?? '') }) })),
	confirm: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			recoveryCodes: await getRuntime().services.mfa.confirmTotp(actor, { code: form.code ?? '' }, meta),
			setup: { secret: form.secret ?? '', uri: '', qrSvg: '' }
		}))
};
