import { endpoint, ok, readJson, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Before registering: patients with the same phone, or a similar name and the same date of birth. A POST, so a phone number never sits in a URL. */
export const POST = endpoint(async (event) => {
	const body = (await readJson(event.request)) as Record<string, unknown> | null;
	return ok({ candidates: await getRuntime().services.patients.findDuplicates(requireActor(event), body && typeof body === 'object' ? body : {}) });
});
