import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** Appointments and live holds between `from` and `to`, for calendars. */
export const GET = endpoint(async (event) => ok(await getRuntime().services.booking.list(requireActor(event), event.params.branchId!, Object.fromEntries(event.url.searchParams))));
