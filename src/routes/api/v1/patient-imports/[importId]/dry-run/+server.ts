import { endpoint, readJson, requireActor } from '#lib/server/http/api.ts';
import { json } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Starts the check in the background: 202, then `import.progress` events, and the report on GET. */
export const POST = endpoint(async (event) =>
	json(await getRuntime().services.patientImports.check(requireActor(event), event.params.importId!, await readJson(event.request)), {
		status: 202,
		headers: { 'cache-control': 'no-store' }
	})
);
