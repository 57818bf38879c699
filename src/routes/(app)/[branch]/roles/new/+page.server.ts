import { error, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals, url }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const roles = await getRuntime().services.roles.list(locals.actor);
	const copyOf = roles.find((r) => r.id === url.searchParams.get('copyOf')) ?? null;
	return { roles, copyOf };
};

export const actions = {
	create: async (event) => {
		const result = await formAction(event, async ({ actor, form, formData, meta }) => ({
			role: await getRuntime().services.roles.create(
				actor,
				{
					name: form.name ?? '',
					description: form.description ?? '',
					permissions: formData.getAll('permissions').map(String),
					mfaRequired: form.mfaRequired === 'on'
				},
				meta
			)
		}));
		if ('role' in result) redirect(303, `/${event.params.branch}/roles/${result.role.id}?created=1`);
		return result;
	}
};
