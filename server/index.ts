// Production entry: `npm start` (after `npm run build`). Express owns the HTTP server; Socket.IO
// and the SvelteKit handler hang off it; one runtime serves both.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../src/lib/server/config/config.ts';
import { DatabaseUnreachableError } from '../src/lib/server/db/database.ts';
import type { Runtime } from '../src/lib/server/runtime/runtime.ts';
import { startRuntime } from './bootstrap.ts';
import { FORM_ALLOWANCE_BYTES } from '../src/lib/server/patients/files/multipart.ts';
import { IMPORT_MAX_BYTES } from '../src/lib/shared/patients/patient-import.schema.ts';
import { createApp, FORWARD_HEADERS } from './app.ts';
import { attachRealtime } from './realtime.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const handlerFile = path.join(root, process.env.SKINSPIRE_BUILD_DIR ?? 'build', 'handler.js');

// adapter-node 6 reads the origin from headers named here; Express sets them from ORIGIN.
process.env.PROTOCOL_HEADER = FORWARD_HEADERS.proto;
process.env.HOST_HEADER = FORWARD_HEADERS.host;
process.env.ADDRESS_HEADER = FORWARD_HEADERS.address;
process.env.NODE_ENV ??= 'production';

function fail(message: string): never {
	process.stderr.write(`\n${message}\n\n`);
	process.exit(1);
}

if (!fs.existsSync(handlerFile)) fail(`No production build at ${handlerFile}. Run \`npm run build\` first, then \`npm start\`.`);

let runtime: Runtime;
try {
	runtime = await startRuntime(process.env);
} catch (e) {
	if (e instanceof ConfigError || e instanceof DatabaseUnreachableError) fail(e.message);
	if (e instanceof Error && /embedded PostgreSQL/.test(e.message)) fail(e.message);
	throw e;
}

// adapter-node refuses any body over BODY_SIZE_LIMIT (512 KB unless set) before an endpoint sees
// it; document and photo uploads need UPLOAD_MAX_MB plus room for the form's fields. The upload
// endpoint enforces the exact limit itself while the body streams in; so does the CSV import.
process.env.BODY_SIZE_LIMIT = String(Math.max(runtime.config.uploadMaxBytes, IMPORT_MAX_BYTES) + FORM_ALLOWANCE_BYTES);
const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: Parameters<typeof createApp>[1] };
// `npm run bench:booking` compares booking with raw-SQL controls that answer without signing in:
// only ever on a demo database (its passwords are published; no clinic's data lives there).
let benchControl: NonNullable<Parameters<typeof createApp>[2]>['benchControl'];
if (runtime.config.benchControlEndpoint) {
	if (!runtime.demoMode) {
		await runtime.close();
		fail('BENCH_CONTROL_ENDPOINT=1 is only for `npm run bench:booking` on its own demo database, and this database is not a demo one. Unset BENCH_CONTROL_ENDPOINT.');
	}
	const { BENCH_CONTROL_PATH, BENCH_RECORDS_PATH, createBenchControl, createRecordsControl } = await import('./bench-control.ts');
	const control = createBenchControl(String(runtime.orm.config.get('clientUrl')));
	const records = createRecordsControl(runtime.orm);
	benchControl = [
		{ path: BENCH_CONTROL_PATH, handler: (req, res) => void control.handler(req, res) },
		{ path: BENCH_RECORDS_PATH, handler: (req, res) => void records.handler(req, res) }
	];
	runtime.logger.warn({ paths: [BENCH_CONTROL_PATH, BENCH_RECORDS_PATH] }, 'BENCH_CONTROL_ENDPOINT=1: the booking bench control endpoints are mounted (demo database)');
}
const inFlight = { count: 0 };
const sockets: { collect?: () => void } = {};
const app = createApp(runtime, handler, { collectSockets: () => sockets.collect?.(), inFlight, benchControl });
// Express must be the server's request listener before Socket.IO attaches: Socket.IO wraps the
// existing listeners so that /socket.io/ requests never reach Express.
const server = http.createServer(app);
const realtime = attachRealtime(server, runtime);
sockets.collect = realtime.collectSockets;

const { config, logger } = runtime;
server.listen(config.port, config.host, () => {
	logger.info({ port: config.port, origin: config.origin, demoMode: runtime.demoMode, redis: !!config.redisUrl }, `SkinSpire is listening on ${config.origin}`);
});

let shuttingDown = false;
async function shutdown(signal: string) {
	if (shuttingDown) return;
	shuttingDown = true;
	logger.info({ signal }, 'shutting down: draining requests');
	const deadline = Date.now() + config.shutdownTimeoutMs;
	server.close(); // stop accepting; open keep-alive connections close once idle
	server.closeIdleConnections();
	while (inFlight.count > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
	try {
		await runtime.relay.flush(); // what the outbox holds goes out before the sockets close
	} catch (e) {
		logger.warn({ err: e }, 'could not publish the remaining outbox rows; another node will');
	}
	await realtime.close();
	server.closeAllConnections();
	await runtime.close();
	logger.info('stopped');
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
