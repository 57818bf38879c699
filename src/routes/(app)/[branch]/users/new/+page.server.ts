import { error, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	return { roles: await getRuntime().services.roles.list(locals.actor) };
};

export const actions = {
	invite: async (event) => {
		const result = await formAction(event, async ({ actor, form, meta }) => {
			const user = await getRuntime().services.users.invite(
				actor,
				{
					name: form.name ?? '',
					email: form.email ?? '',
					...(form.phone ? { phone: form.phone } : {}),
					roles: form.roleId ? [{ roleId: form.roleId, branchId: form.branchId || null }] : []
				},
				meta,
				event.locals.locale
			);
			return { user };
		});
		if ('user' in result) redirect(303, `/${event.params.branch}/users/${result.user.id}?invited=1`);
		return result;
	}
};
