import { json, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../../shared/access/actor.ts';
import { DomainError } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import { toProblem } from '../errors/error-mapping.ts';
import { getRuntime } from '../runtime/registry.ts';

export function problemResponse(error: unknown, event: Pick<RequestEvent, 'url' | 'locals'>): Response {
	const problem = toProblem(error, getRuntime().logger, { instance: event.url.pathname, requestId: event.locals.requestId, locale: event.locals.locale });
	const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' };
	if (typeof problem.retryAfterSeconds === 'number') headers['retry-after'] = String(problem.retryAfterSeconds);
	return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/**
 * Wrap an API endpoint: domain errors become RFC 9457 problem+json through the one mapping,
 * anything unexpected becomes a 500 whose message never leaks.
 */
export function endpoint(fn: (event: RequestEvent) => Promise<Response> | Response) {
	return async (event: RequestEvent): Promise<Response> => {
		try {
			return await fn(event);
		} catch (e) {
			return problemResponse(e, event);
		}
	};
}

export function requireActor(event: Pick<RequestEvent, 'locals'>): Actor {
	if (!event.locals.actor) throw new DomainError('UNAUTHENTICATED');
	return event.locals.actor;
}

const JSON_MAX_BYTES = 1024 * 1024;

/** The JSON body (at most 1 MB), or MALFORMED_JSON naming what is wrong with it. */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('application/json')) {
		throw new DomainError('MALFORMED_JSON', msg('errors.http.notJson'));
	}
	// The server accepts large bodies for uploads; a JSON document never needs more than this.
	if (Number(request.headers.get('content-length') ?? 0) > JSON_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', msg('errors.http.jsonTooLarge'));
	const text = await request.text();
	if (Buffer.byteLength(text) > JSON_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', msg('errors.http.jsonTooLarge'));
	try {
		return JSON.parse(text);
	} catch {
		throw new DomainError('MALFORMED_JSON', msg('errors.http.badJson'));
	}
}

export function created(body: unknown): Response {
	return json(body, { status: 201, headers: { 'cache-control': 'no-store' } });
}

export function ok(body: unknown): Response {
	return json(body, { headers: { 'cache-control': 'no-store' } });
}
