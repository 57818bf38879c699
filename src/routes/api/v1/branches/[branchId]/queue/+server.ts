import { endpoint, ok, problemResponse, readJson, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { onceForKey } from '#lib/server/idempotency/idempotency.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The branch's queue today (or `?day=YYYY-MM-DD`), in line order with expected waits. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.queue.list(requireActor(event), event.params.branchId!, event.url.searchParams.get('day') ?? undefined)));

/**
 * Check a patient in → 201 with the queue entry and its token. With an `Idempotency-Key` a retry
 * gets the first answer again (the same key with another body: 422).
 */
export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	const body = await readJson(event.request);
	const { orm, services } = getRuntime();
	const branchId = event.params.branchId!;
	const answer = await onceForKey(orm, { userId: actor.userId, key: event.request.headers.get('idempotency-key'), scope: `POST /api/v1/branches/${branchId}/queue`, body }, async () => {
		try {
			return { status: 201, body: JSON.stringify(await services.queue.checkIn(actor, branchId, body, requestMeta(event))) };
		} catch (e) {
			const res = problemResponse(e, event);
			return { status: res.status, body: await res.text() };
		}
	});
	const type = answer.status < 400 ? 'application/json' : 'application/problem+json';
	return new Response(answer.body, { status: answer.status, headers: { 'content-type': type, 'cache-control': 'no-store', ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}) } });
});
