import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const load = async ({ locals, depends }) => {
	if (!locals.actor) error(401, 'Please sign in again');
	depends('app:activity');
	return { summary: await getRuntime().services.activity.summary(locals.actor) };
};
