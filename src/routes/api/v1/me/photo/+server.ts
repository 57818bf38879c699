import { DomainError } from '#lib/server/errors/domain-error.ts';
import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Upload my photo: the raw image as the body (JPEG, PNG or WebP, up to 500 KB). */
export const PUT = endpoint(async (event) => {
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > 500 * 1024) throw new DomainError('VALIDATION_FAILED', 'The photo is larger than 500 KB; choose a smaller one', { fields: { photo: ['At most 500 KB'] } });
	await getRuntime().services.profile.setPhoto(requireActor(event), new Uint8Array(await event.request.arrayBuffer()), requestMeta(event));
	return new Response(null, { status: 204 });
});

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.profile.removePhoto(requireActor(event));
	return new Response(null, { status: 204 });
});
