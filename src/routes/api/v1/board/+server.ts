import { DomainError } from '#lib/server/errors/domain-error.ts';
import { endpoint, ok } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { msg } from '#lib/shared/i18n/translate.ts';

/** What the TV holding the `X-Board-Token` shows now (its own branch's board, and nothing else). */
export const GET = endpoint(async (event) => {
	const { services } = getRuntime();
	const board = await services.boards.validate(event.request.headers.get('x-board-token'));
	if (!board) throw new DomainError('UNAUTHENTICATED', msg('boards.errors.badToken'));
	return ok(await services.boards.state(board));
});
