import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { fileResponse } from '#lib/server/patients/files/upload-http.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The gallery's small WebP preview of an image (404 when none could be made, e.g. a PDF or HEIC). */
export const GET = endpoint(async (event) => {
	const content = await getRuntime().services.patientFiles.content(requireActor(event), event.params.patientId!, event.params.fileId!, 'thumbnail', requestMeta(event));
	return fileResponse(content, 'inline', `${content.fileName.replace(/\.[^.]*$/, '')}-thumbnail.webp`);
});
