import { error, fail, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { patientInputFromForm } from '#lib/server/patients/patient-form.ts';
import { translate } from '#lib/shared/i18n/translate.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	return {};
};

export const actions = {
	register: async (event) => {
		const branchCode = event.params.branch.toLowerCase();
		let createdId: string | undefined;
		const result = await formAction(event, async ({ actor, form, meta }) => {
			const branch = actor.branches.find((b) => b.code.toLowerCase() === branchCode)!;
			const input = { ...patientInputFromForm(form, 'create'), registeredAtBranchId: branch.id };
			const { services } = getRuntime();
			// The warning comes before saving; "create anyway" sends the form again with the flag.
			if (form.createAnyway !== '1') {
				const duplicates = await services.patients.findDuplicates(actor, input);
				if (duplicates.length) return fail(409, { duplicates, values: form });
			}
			createdId = (await services.patients.register(actor, input, meta)).id;
			return { created: createdId };
		});
		if (createdId) redirect(303, `/${branchCode}/patients/${createdId}?registered=1`);
		return result;
	}
};
