import { endpoint, problemResponse, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { onceForKey } from '#lib/server/idempotency/idempotency.ts';

/**
 * Book a course (e.g. six laser sessions four weeks apart): 201 with `{ seriesId, items }`, all
 * booked in one transaction; or nothing booked and 409/400 whose `clashes` name each session that
 * cannot be booked, with its reasons and nearby free times. Takes an `Idempotency-Key` as a
 * single booking does.
 */
export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	const body = await readJson(event.request);
	const { orm, services } = getRuntime();
	const answer = await onceForKey(orm, { userId: actor.userId, key: event.request.headers.get('idempotency-key'), scope: 'POST /api/v1/appointments/series', body }, async () => {
		try {
			return { status: 201, body: JSON.stringify(await services.booking.bookSeries(actor, body, requestMeta(event))) };
		} catch (e) {
			const res = problemResponse(e, event);
			return { status: res.status, body: await res.text() };
		}
	});
	const type = answer.status < 400 ? 'application/json' : 'application/problem+json';
	return new Response(answer.body, { status: answer.status, headers: { 'content-type': type, 'cache-control': 'no-store', ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}) } });
});
