import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

/** Reception's queue: today's line, who is still expected, and what a walk-in can be checked in for. */
export const load = async ({ locals, parent, depends }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	depends('app:queue');
	const { branch } = await parent();
	const actor = locals.actor;
	const { queue, booking } = getRuntime().services;
	const canManage = can(actor, 'queue:manage', branch.id);
	const [snapshot, arrivals, rooms, services, practitioners] = await Promise.all([
		queue.list(actor, branch.id),
		canManage ? queue.arrivals(actor, branch.id) : Promise.resolve([]),
		booking.rooms(actor, branch.id),
		canManage ? booking.services(actor, branch.id) : Promise.resolve({ items: [] }),
		canManage ? booking.practitioners(actor, branch.id) : Promise.resolve({ items: [] })
	]);
	return {
		queue: snapshot,
		arrivals,
		rooms: rooms.items,
		services: services.items,
		practitioners: practitioners.items,
		timeZone: branch.timeZone,
		canManage,
		canOpenCharts: can(actor, 'patients:read', branch.id)
	};
};
