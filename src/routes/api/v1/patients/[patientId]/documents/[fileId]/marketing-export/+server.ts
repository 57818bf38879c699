import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { fileResponse } from '#lib/server/patients/files/upload-http.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** A photo for marketing use, as an attachment: needs the patient's marketing consent and patients:export. Audited, refusals too. */
export const GET = endpoint(async (event) => {
	const content = await getRuntime().services.patientFiles.exportForMarketing(requireActor(event), event.params.patientId!, event.params.fileId!, requestMeta(event));
	return fileResponse(content, 'attachment', `marketing-${content.fileName}`);
});
