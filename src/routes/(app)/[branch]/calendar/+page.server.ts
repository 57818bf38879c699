import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

/** What the calendar needs before its first fetch: its columns, what can be booked, and the branch's clock. */
export const load = async ({ locals, parent }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { branch } = await parent();
	const booking = getRuntime().services.booking;
	const [rooms, practitioners, services] = await Promise.all([booking.rooms(locals.actor, branch.id), booking.practitioners(locals.actor, branch.id), booking.services(locals.actor, branch.id)]);
	return {
		rooms: rooms.items,
		practitioners: practitioners.items,
		services: services.items,
		timeZone: branch.timeZone,
		canBook: can(locals.actor, 'appointments:book', branch.id)
	};
};
