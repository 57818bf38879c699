import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { canAnywhere } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

const PARAMS = ['q', 'roleId', 'branchId', 'status', 'sort', 'dir', 'page'] as const;

export const load = async ({ locals, url }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { services, logger } = getRuntime();
	const filters = Object.fromEntries(PARAMS.map((k) => [k, url.searchParams.get(k) ?? '']));
	const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
	const roles = await services.roles.list(actor);
	try {
		return { page: await services.users.list(actor, query), roles, filters, problem: null, canManage: canAnywhere(actor, 'users:manage') };
	} catch (e) {
		const p = toProblem(e, logger, { locale: locals.locale });
		if (p.status !== 400) throw e;
		return { page: null, roles, filters, problem: p.detail, canManage: canAnywhere(actor, 'users:manage') };
	}
};
