import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** A staff photo, with headers that keep a browser from treating it as anything but an image. */
export const GET = endpoint(async (event) => {
	const photo = await getRuntime().services.profile.photoOf(requireActor(event), event.params.userId!);
	return new Response(Buffer.from(photo.data), {
		headers: {
			'content-type': photo.contentType,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'content-disposition': 'inline; filename="photo"',
			'cache-control': 'private, max-age=60',
			'last-modified': photo.updatedAt.toUTCString()
		}
	});
});
