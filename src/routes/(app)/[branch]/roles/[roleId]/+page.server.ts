import { error, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals, params, url }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const role = await getRuntime().services.roles.get(locals.actor, params.roleId).catch((e) => {
		if (e?.code === 'NOT_FOUND') error(404, translate(locals.locale, 'errors.roles.notFound'));
		throw e;
	});
	return { role, justCreated: url.searchParams.has('created') };
};

const roles = () => getRuntime().services.roles;

export const actions = {
	update: (event) =>
		formAction(event, async ({ actor, form, formData, meta }) => {
			const current = await roles().get(actor, event.params.roleId);
			return {
				saved: await roles().update(
					actor,
					event.params.roleId,
					current.system
						? { mfaRequired: form.mfaRequired === 'on', version: Number(form.version) }
						: {
								name: form.name,
								description: form.description ?? '',
								permissions: formData.getAll('permissions').map(String),
								mfaRequired: form.mfaRequired === 'on',
								version: Number(form.version)
							},
					meta
				)
			};
		}),
	delete: async (event) => {
		const result = await formAction(event, async ({ actor, meta }) => {
			await roles().remove(actor, event.params.roleId, meta);
			return { deleted: true as const };
		});
		if ('deleted' in result) redirect(303, `/${event.params.branch}/roles`);
		return result;
	}
};
