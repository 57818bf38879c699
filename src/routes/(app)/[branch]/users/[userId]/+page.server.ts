import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { canAnywhere } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { services } = getRuntime();
	const user = await services.users.get(actor, params.userId).catch((e) => {
		if (e?.code === 'NOT_FOUND') error(404, translate(locals.locale, 'errors.users.personNotFound'));
		throw e;
	});
	return {
		user,
		roles: await services.roles.list(actor),
		canManage: canAnywhere(actor, 'users:manage'),
		canEndSessions: canAnywhere(actor, 'sessions:manage'),
		isMe: user.id === actor.userId,
		justInvited: url.searchParams.has('invited')
	};
};

const users = () => getRuntime().services.users;

export const actions = {
	update: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			saved: await users().update(actor, event.params.userId, { name: form.name, phone: form.phone ? form.phone : null, version: Number(form.version) }, meta)
		})),
	deactivate: (event) => formAction(event, async ({ actor, meta }) => ({ saved: await users().setActive(actor, event.params.userId, false, meta) })),
	reactivate: (event) => formAction(event, async ({ actor, meta }) => ({ saved: await users().setActive(actor, event.params.userId, true, meta) })),
	unlock: (event) => formAction(event, async ({ actor, meta }) => ({ saved: await users().unlock(actor, event.params.userId, meta) })),
	endSessions: (event) => formAction(event, async ({ actor, meta }) => ({ ended: await users().endSessions(actor, event.params.userId, meta) })),
	resend: (event) =>
		formAction(event, async ({ actor, meta }) => {
			await users().resendInvitation(actor, event.params.userId, meta, event.locals.locale);
			return { resent: true };
		}),
	grant: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			saved: await users().grantRole(actor, event.params.userId, { roleId: form.roleId, branchId: form.branchId || null }, meta)
		})),
	revoke: (event) => formAction(event, async ({ actor, form, meta }) => ({ saved: await users().revokeRole(actor, event.params.userId, form.assignmentId ?? '', meta) }))
};
