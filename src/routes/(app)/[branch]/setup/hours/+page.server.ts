import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { branchIdFromParams } from '#lib/server/access/check-access.ts';
import { can, type Actor } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { WEEKDAYS } from '#lib/shared/scheduling/slot.types.ts';

/** The branch's opening hours, holidays ahead and call-out languages. */
export const load = async ({ locals, parent }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { branch } = await parent();
	const catalogue = getRuntime().services.catalogue;
	const [hours, holidays, languages] = await Promise.all([catalogue.openingHours(actor, branch.id), catalogue.holidays(actor, branch.id), catalogue.languages(actor, branch.id)]);
	return { hours, holidays: holidays.items, languages: languages.languages, canManage: can(actor, 'scheduling:manage', branch.id) };
};

const catalogue = () => getRuntime().services.catalogue;
const here = (actor: Actor, params: Record<string, string | undefined>) => branchIdFromParams(actor, params) ?? '';

/** A ticked "open" day with its two times; an unticked one is closed. */
function weekFromForm(form: Record<string, string>) {
	return Object.fromEntries(WEEKDAYS.map((d) => [d, form[`week.${d}.open`] === 'on' ? { opens: form[`week.${d}.opens`] ?? '', closes: form[`week.${d}.closes`] ?? '' } : null]));
}

export const actions = {
	saveHours: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			hours: await catalogue().saveOpeningHours(actor, here(actor, event.params), { week: weekFromForm(form), ...(form.revision ? { revision: form.revision } : {}) }, meta)
		})),
	addHoliday: (event) => formAction(event, async ({ actor, form, meta }) => ({ holidayChange: await catalogue().addHoliday(actor, here(actor, event.params), { day: form.day, name: form.name }, meta) })),
	removeHoliday: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			await catalogue().removeHoliday(actor, here(actor, event.params), form.holidayId ?? '', meta);
			return { holidayRemoved: true };
		}),
	saveLanguages: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			languages: await catalogue().saveLanguages(actor, here(actor, event.params), { languages: (form.languages ?? '').split(',').filter(Boolean) }, meta)
		}))
};
