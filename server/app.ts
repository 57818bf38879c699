import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../src/lib/server/runtime/runtime.ts';
import { handleOperational } from './operational.ts';

/** Headers through which Express tells the SvelteKit handler the public origin and client address. */
export const FORWARD_HEADERS = { proto: 'x-skinspire-proto', host: 'x-skinspire-host', address: 'x-skinspire-client-address' } as const;

type Handler = (req: Request, res: Response, next: NextFunction) => void;

function parseTrustProxy(value: string): boolean | number | string {
	if (value === 'true') return true;
	if (value === 'false') return false;
	if (/^\d+$/.test(value)) return Number(value);
	return value;
}

/** Route label for metrics with ids folded, so the label set stays small. */
export function routeLabel(path: string): string {
	if (path.startsWith('/_app/')) return '/_app/*';
	return (
		path
			.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
			.split('/')
			.slice(0, 6)
			.join('/') || '/'
	);
}

export function createApp(
	runtime: Runtime,
	svelteKitHandler: Handler,
	extras: { collectSockets?: () => void; inFlight?: { count: number }; benchControl?: { path: string; handler: (req: Request, res: Response) => void }[] } = {}
) {
	const { config, logger, metrics } = runtime;
	const app = express();
	const origin = new URL(config.origin);
	app.disable('x-powered-by');
	app.set('trust proxy', parseTrustProxy(config.trustProxy));

	app.use((req, res, next) => {
		const incoming = req.get('x-request-id');
		const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
		res.locals.requestId = id;
		req.headers['x-request-id'] = id;
		res.setHeader('x-request-id', id);
		const started = process.hrtime.bigint();
		if (extras.inFlight) extras.inFlight.count++;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			if (extras.inFlight) extras.inFlight.count--;
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const route = routeLabel(req.path);
			metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
			// Path and ids only: no query strings, bodies or names, so no health data reaches the log.
			if (!route.startsWith('/_app') && !['/healthz', '/readyz', '/metrics'].includes(route)) {
				logger.info({ requestId: id, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
			}
		};
		res.on('finish', finish);
		res.on('close', finish);
		next();
	});

	app.use(
		helmet({
			// SvelteKit writes the Content-Security-Policy with per-page hashes; helmet's would clash.
			contentSecurityPolicy: false,
			strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
			crossOriginEmbedderPolicy: false,
			referrerPolicy: { policy: 'same-origin' }
		})
	);
	app.use(compression());
	app.use((req, res, next) => {
		handleOperational(runtime, req, res, extras.collectSockets).then((handled) => handled || next(), next);
	});

	app.use((req, _res, next) => {
		// The public origin comes from configuration, never from what the client claims.
		req.headers[FORWARD_HEADERS.proto] = origin.protocol.replace(':', '');
		req.headers[FORWARD_HEADERS.host] = origin.host;
		req.headers[FORWARD_HEADERS.address] = req.ip ?? '';
		// A bearer-token API call cannot be forged by another site (browsers never add that header
		// by themselves, and no CORS is offered), so it needs no Origin. SvelteKit's form check would
		// refuse a multipart body without one, shutting mobile apps out of uploads: state ours.
		if (!req.headers.origin && req.path.startsWith('/api/') && /^Bearer\s/i.test(req.headers.authorization ?? '')) req.headers.origin = config.origin;
		next();
	});
	// The booking bench's raw-SQL controls: behind the same Express layers as the app, and only on a
	// demo database (server/index.ts refuses to start otherwise; this is the second lock).
	if (extras.benchControl && runtime.config.benchControlEndpoint && runtime.demoMode) for (const route of extras.benchControl) app.post(route.path, route.handler);
	app.use(svelteKitHandler);
	return app;
}
