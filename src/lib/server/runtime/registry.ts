import type { Runtime } from './runtime.ts';

/**
 * The one place the running process keeps its runtime. The SvelteKit handler bundles its own
 * copy of src/lib/server, and in dev Vite loads modules separately again; a globalThis symbol is
 * shared by all of them, so there is only ever one ORM, one relay, one set of services.
 */
const KEY = Symbol.for('skinspire.runtime');

interface Slot {
	runtime?: Runtime;
	ready: Promise<Runtime>;
	resolve: (r: Runtime) => void;
	reject: (e: unknown) => void;
}

type Holder = { [KEY]?: Slot };

function slot(): Slot {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		let resolve!: (r: Runtime) => void;
		let reject!: (e: unknown) => void;
		const ready = new Promise<Runtime>((res, rej) => {
			resolve = res;
			reject = rej;
		});
		ready.catch(() => undefined);
		holder[KEY] = { ready, resolve, reject };
	}
	return holder[KEY];
}

export function setRuntime(runtime: Runtime): void {
	const s = slot();
	s.runtime = runtime;
	s.resolve(runtime);
}

export function failRuntime(error: unknown): void {
	slot().reject(error);
}

export function clearRuntime(): void {
	delete (globalThis as Holder)[KEY];
}

export function getRuntime(): Runtime {
	const runtime = slot().runtime;
	if (!runtime) {
		throw new Error('SkinSpire runtime is not started: run the app with `npm run dev` or `npm start`, not the bare SvelteKit handler');
	}
	return runtime;
}

/** For the request hook: in dev the first page can arrive while the database is still starting. */
export function waitForRuntime(): Promise<Runtime> {
	return slot().ready;
}
