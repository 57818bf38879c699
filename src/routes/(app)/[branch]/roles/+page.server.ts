import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const runtime = getRuntime();
	return { roles: await runtime.services.roles.list(locals.actor), canManage: can(locals.actor, 'roles:manage'), demoMode: runtime.demoMode };
};
