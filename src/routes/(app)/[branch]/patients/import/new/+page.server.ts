import { error, fail, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { readUpload } from '#lib/server/patients/import/upload.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { DELIMITER_NAMES } from '#lib/shared/patients/patient-import.schema.ts';

export const load = async ({ locals }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const actor = locals.actor;
	const branches = actor.branches.filter((b) => b.permissions.includes('patients:import')).map((b) => ({ id: b.id, name: b.name, code: b.code }));
	// The names used before, so the same system is named the same way again (that is what makes a re-import skip).
	const sources = [...new Set((await getRuntime().services.patientImports.list(actor)).map((i) => i.sourceSystem))];
	return { branches, sources };
};

export const actions = {
	// Not formAction(): that reads the whole body at once, and an upload must be counted while it streams in.
	upload: async (event) => {
		const actor = event.locals.actor;
		if (!actor) error(401, translate(event.locals.locale, 'common.signInAgain'));
		const { services, logger } = getRuntime();
		let id: string;
		let values: Record<string, string> = {};
		try {
			const { file, fields } = await readUpload(event.request);
			values = { sourceSystem: fields.sourceSystem ?? '', branchId: fields.branchId ?? '', delimiter: fields.delimiter ?? '' };
			const input: Record<string, string> = { sourceSystem: values.sourceSystem! };
			if (values.branchId) input.branchId = values.branchId;
			// The form names the separator (a tab does not survive every form); the service takes the character.
			const delimiter = Object.entries(DELIMITER_NAMES).find(([, name]) => name === values.delimiter)?.[0];
			if (delimiter) input.delimiter = delimiter;
			id = (await services.patientImports.upload(actor, file, input, event.locals.locale)).id;
		} catch (e) {
			const p = toProblem(e, logger, { locale: event.locals.locale });
			return fail(p.status, { error: p.detail, fields: p.errors ?? {}, values });
		}
		redirect(303, `/${event.params.branch.toLowerCase()}/patients/import/${id}`);
	}
};
