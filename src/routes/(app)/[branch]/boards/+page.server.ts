import { error } from '@sveltejs/kit';
import { branchIdFromParams } from '#lib/server/access/check-access.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals, parent, depends }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	depends('app:boards');
	const { branch } = await parent();
	return { boards: (await getRuntime().services.boards.list(locals.actor, branch.id)).items };
};

export const actions = {
	create: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const { device, code } = await getRuntime().services.boards.create(actor, branchIdFromParams(actor, event.params) ?? '', { name: form.name ?? '' }, meta);
			return { pairing: { deviceId: device.id, name: device.name, code, expiresAt: device.pairingExpiresAt } };
		}),
	renew: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const { device, code } = await getRuntime().services.boards.renewCode(actor, form.deviceId ?? '', meta);
			return { pairing: { deviceId: device.id, name: device.name, code, expiresAt: device.pairingExpiresAt } };
		}),
	revoke: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const device = await getRuntime().services.boards.revoke(actor, form.deviceId ?? '', meta);
			return { revoked: { deviceId: device.id, name: device.name } };
		})
};
