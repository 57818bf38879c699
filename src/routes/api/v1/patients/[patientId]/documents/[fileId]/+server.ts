import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Remove a document or photo from the chart (kept for the record; audited). */
export const DELETE = endpoint(async (event) => {
	await getRuntime().services.patientFiles.remove(requireActor(event), event.params.patientId!, event.params.fileId!, requestMeta(event));
	return new Response(null, { status: 204 });
});
