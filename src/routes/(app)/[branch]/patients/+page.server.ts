import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { can } from '#lib/shared/access/actor.ts';

export const load = async ({ locals, url, parent }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { branch } = await parent();
	const { services, logger } = getRuntime();
	const q = url.searchParams.get('q') ?? '';
	const page = url.searchParams.get('page') ?? '1';
	try {
		return { q, results: await services.patients.search(locals.actor, { q, page, pageSize: '20' }), problem: null, canRegister: can(locals.actor, 'patients:write', branch.id) };
	} catch (e) {
		const p = toProblem(e, logger, { locale: locals.locale });
		return { q, results: null, problem: p.detail, canRegister: can(locals.actor, 'patients:write', branch.id) };
	}
};
