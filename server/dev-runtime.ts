import type { ViteDevServer } from 'vite';
import type { Server as HttpServer } from 'node:http';
import { startRuntime } from './bootstrap.ts';
import { attachRealtime, type Realtime } from './realtime.ts';
import { handleOperational } from './operational.ts';
import { failRuntime } from '../src/lib/server/runtime/registry.ts';
import type { Runtime } from '../src/lib/server/runtime/runtime.ts';

const KEY = Symbol.for('skinspire.dev');
type DevState = { runtime?: Promise<Runtime>; realtime?: Realtime };
const state: DevState = ((globalThis as Record<symbol, DevState>)[KEY] ??= {});

/** One runtime for the life of the dev process; Socket.IO re-attached whenever Vite restarts its server. */
export async function startDevRuntime(server: ViteDevServer): Promise<void> {
	const port = server.config.server.port ?? 5173;
	const env = { ...process.env, ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}` };
	state.runtime ??= startRuntime(env, { port }).catch((e: unknown) => {
		const message = e instanceof Error ? e.message : String(e);
		server.config.logger.error(`\n${message}\n`);
		failRuntime(e);
		throw e;
	});
	const httpServer = server.httpServer as HttpServer;
	const sockets: { collect?: () => void } = {};
	server.middlewares.use((req, res, next) => {
		if (!state.runtime) return next();
		state.runtime.then(
			(rt) => handleOperational(rt, req, res, () => sockets.collect?.()).then((handled) => handled || next(), next),
			() => next()
		);
	});
	const runtime = await state.runtime.catch(() => undefined);
	if (!runtime) return;
	await state.realtime?.close().catch(() => undefined);
	state.realtime = attachRealtime(httpServer, runtime);
	sockets.collect = state.realtime.collectSockets;
	httpServer.once('close', () => void state.realtime?.close().catch(() => undefined));
}

// Ctrl-C in `npm run dev`: close sockets, the ORM and the embedded database before exiting.
let stopping = false;
async function stopDev() {
	if (stopping) return;
	stopping = true;
	await state.realtime?.close().catch(() => undefined);
	const runtime = await state.runtime?.catch(() => undefined);
	await runtime?.close().catch(() => undefined);
	process.exit(0);
}
process.once('SIGINT', () => void stopDev());
process.once('SIGTERM', () => void stopDev());
