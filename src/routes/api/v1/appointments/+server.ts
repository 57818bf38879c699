import { endpoint, problemResponse, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { onceForKey } from '#lib/server/idempotency/idempotency.ts';

/**
 * Book: 201 with the appointment, or 409 with what is taken and the nearest free alternatives.
 * With an `Idempotency-Key` header a retry gets the first answer again (the same key with another
 * body: 422).
 */
export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	const body = await readJson(event.request);
	const { orm, services } = getRuntime();
	const answer = await onceForKey(orm, { userId: actor.userId, key: event.request.headers.get('idempotency-key'), scope: 'POST /api/v1/appointments', body }, async () => {
		try {
			return { status: 201, body: JSON.stringify(await services.booking.book(actor, body, requestMeta(event))) };
		} catch (e) {
			const res = problemResponse(e, event);
			return { status: res.status, body: await res.text() };
		}
	});
	const type = answer.status < 400 ? 'application/json' : 'application/problem+json';
	return new Response(answer.body, { status: answer.status, headers: { 'content-type': type, 'cache-control': 'no-store', ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}) } });
});
