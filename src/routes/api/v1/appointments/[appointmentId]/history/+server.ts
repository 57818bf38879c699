import { endpoint, ok, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** What happened to the appointment: booked, moved (from → to), status changes, cancelled. */
export const GET = endpoint(async (event) => ok({ events: await getRuntime().services.booking.history(requireActor(event), event.params.appointmentId!) }));
