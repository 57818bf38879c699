import { error, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals, params, url, depends }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const branch = actor.branches.find((b) => b.code.toLowerCase() === params.branch.toLowerCase());
	if (!branch) error(404, translate(locals.locale, 'errors.branches.notFound'));
	depends('app:notices');
	const { services } = getRuntime();
	const [notices, profile, notifications] = await Promise.all([services.notices.listActive(actor, branch.id), services.profile.get(actor), services.notifications.list(actor)]);
	return {
		me: { id: actor.userId, name: actor.name, email: actor.email },
		hospitalName: actor.hospitalName,
		branch,
		branches: actor.branches,
		hospitalPermissions: actor.hospitalPermissions,
		notices,
		notifications,
		prefs: { theme: profile.theme, noticeToasts: profile.noticeToasts },
		canClearAny: can(actor, 'notices:clear-any', branch.id),
		canPost: can(actor, 'notices:post', branch.id)
	};
};
