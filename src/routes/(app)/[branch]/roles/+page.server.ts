import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { can } from '#lib/shared/access/actor.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, 'Please sign in again');
	const runtime = getRuntime();
	return { roles: await runtime.services.roles.list(locals.actor), canManage: can(locals.actor, 'roles:manage'), demoMode: runtime.demoMode };
};
