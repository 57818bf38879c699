import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { can, type Actor } from '#lib/shared/access/actor.ts';
import { branchIdFromParams } from '#lib/server/access/check-access.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

/** Rooms and devices of the branch. */
export const load = async ({ locals, parent }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { branch } = await parent();
	const catalogue = getRuntime().services.catalogue;
	const [rooms, devices, kinds] = await Promise.all([catalogue.rooms(actor, branch.id), catalogue.devices(actor, branch.id), catalogue.kinds(actor)]);
	return { rooms: rooms.items, devices: devices.items, kinds, canManage: can(actor, 'scheduling:manage', branch.id) };
};

const catalogue = () => getRuntime().services.catalogue;
/** The branch of the URL (the access check already found it in the actor's reach). */
const here = (actor: Actor, params: Record<string, string | undefined>) => branchIdFromParams(actor, params) ?? '';
/** Empty means "not given"; anything else is read as typed (the schema names a bad value). */
const whole = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : Number(value));
const version = (form: Record<string, string>) => Number(form.version);

export const actions = {
	createRoom: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			room: await catalogue().createRoom(actor, here(actor, event.params), { name: form.name, type: form.type, sortOrder: whole(form.sortOrder) }, meta)
		})),
	updateRoom: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			room: await catalogue().updateRoom(actor, here(actor, event.params), form.roomId ?? '', { name: form.name, type: form.type, sortOrder: whole(form.sortOrder), version: version(form) }, meta)
		})),
	roomOut: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({ roomChange: await catalogue().takeRoomOutOfService(actor, here(actor, event.params), form.roomId ?? '', { reason: form.reason, version: version(form) }, meta) })),
	roomIn: (event) => formAction(event, async ({ actor, form, meta }) => ({ roomChange: await catalogue().putRoomBackInService(actor, here(actor, event.params), form.roomId ?? '', { version: version(form) }, meta) })),
	createDevice: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			device: await catalogue().createDevice(actor, here(actor, event.params), { name: form.name, type: form.type, roomId: form.roomId || null }, meta)
		})),
	updateDevice: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			device: await catalogue().updateDevice(actor, here(actor, event.params), form.deviceId ?? '', { name: form.name, type: form.type, roomId: form.roomId || null, version: version(form) }, meta)
		})),
	deviceOut: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({ deviceChange: await catalogue().takeDeviceOutOfService(actor, here(actor, event.params), form.deviceId ?? '', { reason: form.reason, version: version(form) }, meta) })),
	deviceIn: (event) => formAction(event, async ({ actor, form, meta }) => ({ deviceChange: await catalogue().putDeviceBackInService(actor, here(actor, event.params), form.deviceId ?? '', { version: version(form) }, meta) }))
};
