import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../src/lib/server/runtime/runtime.ts';

const PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function send(res: ServerResponse, status: number, type: string, body: string) {
	res.statusCode = status;
	res.setHeader('content-type', type);
	res.setHeader('cache-control', 'no-store');
	res.end(body);
}

/**
 * /healthz (the process is alive), /readyz (it can serve: database, and Redis when used) and
 * /metrics (Prometheus). Plain node req/res, so Express and Vite's dev server share it.
 * Returns false when the request is for something else.
 */
export async function handleOperational(runtime: Runtime, req: IncomingMessage, res: ServerResponse, collectSockets?: () => void): Promise<boolean> {
	const path = (req.url ?? '').split('?')[0] ?? '';
	if (req.method !== 'GET' || !PATHS.has(path)) return false;
	if (path === '/healthz') {
		send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }));
	} else if (path === '/readyz') {
		const { ok, checks } = await runtime.readiness();
		send(res, ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ready' : 'not-ready', checks }));
	} else {
		collectSockets?.();
		try {
			runtime.metrics.outboxLag.set(await runtime.relay.lagSeconds());
		} catch {
			runtime.metrics.outboxLag.set(-1);
		}
		send(res, 200, runtime.metrics.registry.contentType, await runtime.metrics.registry.metrics());
	}
	return true;
}
