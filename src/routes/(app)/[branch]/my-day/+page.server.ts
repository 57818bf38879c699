import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

/** A practitioner's day at the branch: their appointments, the queue, and the rooms they may call to. */
export const load = async ({ locals, parent, depends }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	depends('app:my-day');
	const { branch } = await parent();
	const { queue, booking } = getRuntime().services;
	const [day, rooms] = await Promise.all([queue.myDay(locals.actor, branch.id), booking.rooms(locals.actor, branch.id)]);
	return {
		appointments: day.appointments,
		queue: day.queue,
		rooms: rooms.items,
		timeZone: branch.timeZone,
		canOpenCharts: can(locals.actor, 'patients:read', branch.id)
	};
};
