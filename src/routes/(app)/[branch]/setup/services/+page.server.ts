import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { can } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { percentToBasisPoints, rupeesToPaise } from '#lib/shared/scheduling/catalogue.schema.ts';

/** The hospital's service catalogue: everyone with setup rights sees it; a hospital-wide role changes it. */
export const load = async ({ locals, url }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const catalogue = getRuntime().services.catalogue;
	const [services, staff, kinds] = await Promise.all([catalogue.listServices(actor), catalogue.practitionerChoices(actor), catalogue.kinds(actor)]);
	return { services: services.items, staff, kinds, canEdit: can(actor, 'scheduling:manage'), editId: url.searchParams.get('edit') };
};

/** A number field: empty is "not given" (the schema says it is required), anything else is read as typed. */
const whole = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : Number(value));

/** The form as the API takes it: rupees become paise, a percentage basis points. */
function serviceInput(form: Record<string, string>, formData: FormData) {
	return {
		name: form.name,
		category: form.category,
		durationMinutes: whole(form.durationMinutes),
		bufferMinutes: whole(form.bufferMinutes) ?? 0,
		pricePaise: rupeesToPaise(form.price ?? ''),
		taxRateBp: form.taxPercent?.trim() ? percentToBasisPoints(form.taxPercent) : 0,
		roomType: form.roomType,
		deviceTypes: formData.getAll('deviceTypes').map(String),
		practitionerIds: formData.getAll('practitionerIds').map(String)
	};
}

const catalogue = () => getRuntime().services.catalogue;

export const actions = {
	create: (event) => formAction(event, async ({ actor, form, formData, meta }) => ({ saved: await catalogue().createService(actor, serviceInput(form, formData), meta) })),
	update: (event) =>
		formAction(event, async ({ actor, form, formData, meta }) => ({
			saved: await catalogue().updateService(actor, form.serviceId ?? '', { ...serviceInput(form, formData), version: Number(form.version) }, meta)
		})),
	deactivate: (event) => formAction(event, async ({ actor, form, meta }) => ({ saved: await catalogue().updateService(actor, form.serviceId ?? '', { active: false, version: Number(form.version) }, meta) })),
	reactivate: (event) => formAction(event, async ({ actor, form, meta }) => ({ saved: await catalogue().updateService(actor, form.serviceId ?? '', { active: true, version: Number(form.version) }, meta) }))
};
