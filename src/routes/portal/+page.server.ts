import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { patientInputFromForm } from '#lib/server/patients/patient-form.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

const PATIENT_MAY_CHANGE = ['phone', 'email', 'address', 'emergencyContact', 'preferredLanguage', 'consents', 'version'];

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	return { patient: await getRuntime().services.portal.own(locals.actor), hospitalName: locals.actor.hospitalName };
};

export const actions = {
	save: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const input = Object.fromEntries(Object.entries(patientInputFromForm(form, 'update')).filter(([k]) => PATIENT_MAY_CHANGE.includes(k)));
			return { saved: await getRuntime().services.portal.updateOwn(actor, input, meta) };
		})
};
