import { error, fail } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { requestMeta } from '#lib/server/http/request-meta.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';
import { isDomainError } from '#lib/server/errors/domain-error.ts';
import { patientInputFromForm } from '#lib/server/patients/patient-form.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { can, canAnywhere } from '#lib/shared/access/actor.ts';
import type { PatientDto } from '#lib/shared/patients/patient.schema.ts';

export const load = async (event) => {
	const { locals, params, parent } = event;
	if (!locals.actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { branch } = await parent();
	const { services, logger } = getRuntime();
	try {
		// Opening the chart is a read of the record: the service writes it to the audit trail.
		const patient = await services.patients.get(locals.actor, params.patientId, { ...requestMeta(event), branchId: branch.id });
		const history = await services.patients.history(locals.actor, params.patientId);
		return {
			patient,
			history,
			canWrite: can(locals.actor, 'patients:write', branch.id),
			canReadSensitive: canAnywhere(locals.actor, 'patients:read-sensitive')
		};
	} catch (e) {
		if (isDomainError(e) && e.code === 'NOT_FOUND') error(404, toProblem(e, logger, { locale: locals.locale }).detail);
		throw e;
	}
};

/** Only what the person changed: an untouched field is neither rewritten nor listed as changed. */
function changesOnly(input: Record<string, unknown>, current: PatientDto): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(input)) {
		if (key === 'version') continue;
		const before =
			key === 'estimatedAge'
				? current.dateOfBirthEstimated && current.dateOfBirth
					? new Date().getFullYear() - Number(current.dateOfBirth.slice(0, 4))
					: undefined
				: (current as unknown as Record<string, unknown>)[key];
		if (JSON.stringify(value ?? null) !== JSON.stringify(before ?? (Array.isArray(value) ? [] : null))) out[key] = value;
	}
	return out;
}

export const actions = {
	save: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const { services } = getRuntime();
			const current = await services.patients.snapshot(actor, event.params.patientId);
			const input = patientInputFromForm(form, 'update');
			const changes = changesOnly(input, current);
			if (current.masked) for (const k of ['phone', 'email', 'address', 'emergencyContact', 'governmentId', 'allergies', 'medications', 'conditions', 'previousProcedures']) delete changes[k];
			if (!Object.keys(changes).length) return { saved: current, unchanged: true };
			try {
				return { saved: await services.patients.update(actor, event.params.patientId, { ...changes, version: Number(form.version) }, meta) };
			} catch (e) {
				// A stale save keeps what was typed and shows the newer record beside it.
				if (isDomainError(e) && e.code === 'STALE_VERSION') {
					const p = toProblem(e, getRuntime().logger, { locale: event.locals.locale });
					return fail(409, { error: p.detail, fields: {}, values: form, current: e.details?.current as PatientDto });
				}
				throw e;
			}
		}),
	addHistory: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			historyAdded: await getRuntime().services.patients.addHistory(actor, event.params.patientId, { note: form.note ?? '', ...(form.entryDate ? { entryDate: form.entryDate } : {}) }, meta)
		}))
};
