import type { Plugin } from 'vite';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * In `npm run dev`, attach the very same runtime and realtime module to Vite's HTTP server.
 * They are imported natively (not bundled into the Vite config), so this is the same code the
 * production server runs.
 */
export function skinspireRealtime(): Plugin {
	return {
		name: 'skinspire-realtime',
		apply: 'serve',
		async configureServer(server) {
			// Vitest also runs Vite in serve mode; its tests start their own servers.
			if (!server.httpServer || process.env.VITEST) return;
			const load = (file: string) => import(/* @vite-ignore */ pathToFileURL(path.resolve(file)).href);
			const { startDevRuntime } = await load('server/dev-runtime.ts');
			await startDevRuntime(server);
		}
	};
}
