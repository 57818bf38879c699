import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const GET = endpoint(async (event) => ok(await getRuntime().services.portal.status(requireActor(event), event.params.patientId!)));

/** Email the patient a single-use link (72 h) to create their portal account; again if one is out. */
export const POST = endpoint(async (event) => ok(await getRuntime().services.portal.invite(requireActor(event), event.params.patientId!, requestMeta(event), event.locals.locale)));
