import { PHOTO_MAX_BYTES, photoTooLarge } from '#lib/server/profile/profile.service.ts';
import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Upload my photo: the raw image as the body (JPEG, PNG or WebP, up to 500 KB). */
export const PUT = endpoint(async (event) => {
	// Refuse before reading the body when it announces itself too large.
	if (Number(event.request.headers.get('content-length') ?? 0) > PHOTO_MAX_BYTES) throw photoTooLarge();
	await getRuntime().services.profile.setPhoto(requireActor(event), new Uint8Array(await event.request.arrayBuffer()), requestMeta(event));
	return new Response(null, { status: 204 });
});

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.profile.removePhoto(requireActor(event));
	return new Response(null, { status: 204 });
});
