import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { fileResponse } from '#lib/server/patients/files/upload-http.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/**
 * The file, as an attachment (audited as a download). `?disposition=inline` shows a JPEG, PNG or
 * WebP in the page instead (audited as a view); PDFs and HEIC are only ever downloaded.
 */
export const GET = endpoint(async (event) => {
	const inline = event.url.searchParams.get('disposition') === 'inline';
	const content = await getRuntime().services.patientFiles.content(requireActor(event), event.params.patientId!, event.params.fileId!, inline ? 'view' : 'download', requestMeta(event));
	return fileResponse(content, inline ? 'inline' : 'attachment');
});
