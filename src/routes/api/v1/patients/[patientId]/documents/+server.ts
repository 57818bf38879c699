import { created, endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { readUpload } from '#lib/server/patients/files/upload-http.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The chart's documents and photos (`?kind=photo` or `?kind=document`); the read is audited. */
export const GET = endpoint(async (event) => {
	const service = getRuntime().services.patientFiles;
	const items = await service.list(requireActor(event), event.params.patientId!, Object.fromEntries(event.url.searchParams), requestMeta(event));
	return ok({ items, uploadMaxBytes: service.maxBytes });
});

/** One file per request, as multipart/form-data: the file in `file`, its details in the other fields. */
export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	const service = getRuntime().services.patientFiles;
	// Permission and patient first, so a refused upload is not read at all.
	await service.assertCanUpload(actor, event.params.patientId!);
	const upload = await readUpload(event.request, service.maxBytes);
	return created(await service.upload(actor, event.params.patientId!, upload, requestMeta(event)));
});
