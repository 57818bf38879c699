import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

export const DELETE = endpoint(async (event) => {
	await getRuntime().services.booking.releaseHold(requireActor(event), event.params.holdId!);
	return new Response(null, { status: 204 });
});
