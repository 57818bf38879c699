import { created, endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { readUpload } from '#lib/server/patients/import/upload.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The imports of the branches where you may import, newest first. */
export const GET = endpoint(async (event) => ok({ imports: await getRuntime().services.patientImports.list(requireActor(event)) }));

/** Upload a CSV (multipart: `file`, `sourceSystem`, optional `branchId` and `delimiter`); nothing is imported yet. */
export const POST = endpoint(async (event) => {
	const actor = requireActor(event);
	const { file, fields } = await readUpload(event.request);
	return created(await getRuntime().services.patientImports.upload(actor, file, fields, event.locals.locale));
});
