import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { isDomainError } from '#lib/server/errors/domain-error.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { DELIMITER_NAMES, IMPORT_FIELDS, type Delimiter, type ImportField } from '#lib/shared/patients/patient-import.schema.ts';

export const load = async ({ locals, params, depends }) => {
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	depends('app:import');
	const { services, logger } = getRuntime();
	try {
		return { imp: await services.patientImports.get(locals.actor, params.importId, locals.locale) };
	} catch (e) {
		if (isDomainError(e) && e.code === 'NOT_FOUND') error(404, toProblem(e, logger, { locale: locals.locale }).detail);
		throw e;
	}
};

const delimiterFromName = (name: string | undefined): Delimiter | undefined => (Object.entries(DELIMITER_NAMES).find(([, n]) => n === name)?.[0] as Delimiter | undefined) ?? undefined;

export const actions = {
	/** The matching form: one select per column (`col:<index>`), and the separator. A new separator guesses the matching again. */
	map: (event) =>
		formAction(event, async ({ actor, form }) => {
			const imports = getRuntime().services.patientImports;
			const current = await imports.get(actor, event.params.importId, event.locals.locale);
			const delimiter = delimiterFromName(form.delimiter);
			if (delimiter && delimiter !== current.delimiter) {
				await imports.setMapping(actor, event.params.importId, { delimiter, version: Number(form.version) }, event.locals.locale);
				return { mapped: true };
			}
			const mapping: Record<string, ImportField> = {};
			(current.columns ?? []).forEach((column, i) => {
				const field = form[`col:${i}`];
				if (field && (IMPORT_FIELDS as readonly string[]).includes(field)) mapping[column] = field as ImportField;
			});
			await imports.setMapping(actor, event.params.importId, { mapping, version: Number(form.version) }, event.locals.locale);
			return { mapped: true };
		}),
	check: (event) =>
		formAction(event, async ({ actor, form }) => {
			await getRuntime().services.patientImports.check(actor, event.params.importId, { version: Number(form.version) });
			return { checking: true };
		}),
	start: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			await getRuntime().services.patientImports.start(actor, event.params.importId, { goodRowsOnly: form.goodRowsOnly === 'on', version: Number(form.version) }, meta, event.locals.locale);
			return { started: true };
		}),
	cancel: (event) =>
		formAction(event, async ({ actor }) => {
			await getRuntime().services.patientImports.cancel(actor, event.params.importId, event.locals.locale);
			return { cancelled: true };
		})
};
