import { endpoint, readJson, requireActor } from '#lib/server/http/api.ts';
import { json } from '@sveltejs/kit';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Starts the import in the background: 202, then `import.progress` events until it ends. */
export const POST = endpoint(async (event) =>
	json(await getRuntime().services.patientImports.start(requireActor(event), event.params.importId!, await readJson(event.request), requestMeta(event), event.locals.locale), {
		status: 202,
		headers: { 'cache-control': 'no-store' }
	})
);
