import { loadConfig, type AppConfig } from '../src/lib/server/config/config.ts';
import { createLogger } from '../src/lib/server/logging/logger.ts';
import { createRuntime, type Runtime } from '../src/lib/server/runtime/runtime.ts';
import { setRuntime } from '../src/lib/server/runtime/registry.ts';

/** Config → logger → runtime, registered for the SvelteKit side to find, with its background jobs running. */
export async function startRuntime(env: Record<string, string | undefined>, defaults: { port?: number } = {}): Promise<Runtime> {
	const config: AppConfig = loadConfig(env, defaults);
	const logger = createLogger(config.logLevel);
	const runtime = await createRuntime(config, logger);
	setRuntime(runtime);
	// Reminders and other background jobs; every node runs them, each job runs once (runtime.close stops them).
	runtime.jobs.start();
	return runtime;
}
