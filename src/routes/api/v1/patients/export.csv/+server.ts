import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Every patient of the hospital as CSV, streamed; the export (its row count, never its content) is audited first. */
export const GET = endpoint(async (event) => {
	const { rows, body } = await getRuntime().services.patientImports.exportCsv(requireActor(event), requestMeta(event));
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="skinspire-patients-${new Date().toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff',
			'x-row-count': String(rows)
		}
	});
});
