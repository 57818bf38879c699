import { error, fail } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

const FILTERS = ['action', 'actorUserId', 'from', 'to', 'page'] as const;

export const load = async ({ locals, url }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { services, logger } = getRuntime();
	const query: Record<string, string> = {};
	for (const key of FILTERS) {
		const v = url.searchParams.get(key);
		if (v) query[key] = key === 'from' || key === 'to' ? new Date(v).toISOString() : v;
	}
	try {
		const page = await services.audit.list(actor, query);
		return { page, filters: Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k) ?? ''])), canVerify: can(actor, 'audit:read'), problem: null };
	} catch (e) {
		const p = toProblem(e, logger, { locale: locals.locale });
		if (p.status >= 500 || p.status === 403) throw e;
		return { page: null, filters: Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k) ?? ''])), canVerify: false, problem: p.detail };
	}
};

export const actions = {
	verify: async ({ locals }) => {
		if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
		const { services, logger } = getRuntime();
		try {
			return { report: await services.audit.verify(locals.actor, locals.locale) };
		} catch (e) {
			const p = toProblem(e, logger, { locale: locals.locale });
			return fail(p.status, { verifyError: p.detail });
		}
	}
};
