import { error, fail } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import type { Actor } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

function context(locals: App.Locals, code: string): { actor: Actor; branchId: string } {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const branch = actor.branches.find((b) => b.code.toLowerCase() === code.toLowerCase());
	if (!branch) error(404, translate(locals.locale, 'errors.branches.notFound'));
	return { actor, branchId: branch.id };
}

export const actions = {
	post: async ({ request, locals, params }) => {
		const { actor, branchId } = context(locals, params.branch);
		const form = await request.formData();
		const message = String(form.get('message') ?? '');
		const expiry = String(form.get('expiresInMinutes') ?? '');
		const urgent = form.get('urgent') === 'on';
		const onBoard = form.get('onBoard') === 'on';
		const { services, logger } = getRuntime();
		try {
			const notice = await services.notices.post(actor, branchId, {
				message,
				urgent,
				onBoard,
				...(expiry ? { expiresInMinutes: Number(expiry) } : {})
			});
			return { posted: notice };
		} catch (e) {
			const problem = toProblem(e, logger, { locale: locals.locale });
			// Give back what was typed so nothing is lost.
			return fail(problem.status, { action: 'post', message, expiresInMinutes: expiry, urgent, onBoard, error: problem.detail, fields: problem.errors ?? {} });
		}
	},
	clear: async ({ request, locals, params }) => {
		const { actor, branchId } = context(locals, params.branch);
		const id = String((await request.formData()).get('id') ?? '');
		const { services, logger } = getRuntime();
		try {
			return { cleared: await services.notices.clear(actor, branchId, id) };
		} catch (e) {
			const problem = toProblem(e, logger, { locale: locals.locale });
			return fail(problem.status, { action: 'clear', id, error: problem.detail });
		}
	}
};
