import type { RequestEvent } from '@sveltejs/kit';

/** Where a request came from, for sessions and the audit trail. */
export function requestMeta(event: Pick<RequestEvent, 'getClientAddress' | 'request'>): { ip: string; userAgent: string | undefined } {
	return { ip: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') ?? undefined };
}
