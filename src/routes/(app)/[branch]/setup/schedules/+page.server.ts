import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { formAction } from '#lib/server/http/form-action.ts';
import { branchIdFromParams } from '#lib/server/access/check-access.ts';
import { wallTimeToInstant } from '#lib/server/scheduling/catalogue.service.ts';
import { can, type Actor } from '#lib/shared/access/actor.ts';
import { translate } from '#lib/shared/i18n/translate.ts';
import { WEEKDAYS } from '#lib/shared/scheduling/slot.types.ts';

/** Practitioners' weeks and leave at the branch: the list, and the one chosen with ?user=. */
export const load = async ({ locals, parent, url }) => {
	const actor = locals.actor;
	if (!actor) error(401, translate(locals.locale, 'common.signInAgain'));
	const { branch } = await parent();
	const catalogue = getRuntime().services.catalogue;
	const { items } = await catalogue.schedules(actor, branch.id);
	const chosen = url.searchParams.get('user') ?? items.find((s) => WEEKDAYS.some((d) => s.week[d].work.length))?.userId ?? items[0]?.userId ?? null;
	const selected = items.find((s) => s.userId === chosen) ?? (chosen ? await catalogue.schedule(actor, branch.id, chosen).catch(() => null) : null);
	return {
		people: items.map((s) => ({ userId: s.userId, name: s.name, days: WEEKDAYS.filter((d) => s.week[d].work.length) })),
		selected,
		canManage: can(actor, 'scheduling:manage', branch.id)
	};
};

/** `week.mon.work.0.start` fields back into the week the API takes; a day with no rows is a day off. */
function weekFromForm(form: Record<string, string>) {
	const week: Record<string, { work: { start: string; end: string }[]; breaks: { start: string; end: string }[] }> = {};
	for (const [key, value] of Object.entries(form)) {
		const m = /^week\.(mon|tue|wed|thu|fri|sat|sun)\.(work|breaks)\.(\d{1,2})\.(start|end)$/.exec(key);
		if (!m) continue;
		const day = (week[m[1]!] ??= { work: [], breaks: [] });
		const row = (day[m[2] as 'work' | 'breaks'][Number(m[3])] ??= { start: '', end: '' });
		row[m[4] as 'start' | 'end'] = value;
	}
	return week;
}

const catalogue = () => getRuntime().services.catalogue;
const here = (actor: Actor, params: Record<string, string | undefined>) => branchIdFromParams(actor, params) ?? '';
const timeZoneOf = (actor: Actor, branchId: string) => actor.branches.find((b) => b.id === branchId)?.timeZone ?? 'UTC';

export const actions = {
	saveWeek: (event) =>
		formAction(event, async ({ actor, form, meta }) => ({
			schedule: await catalogue().saveWeek(actor, here(actor, event.params), form.userId ?? '', { week: weekFromForm(form), ...(form.revision ? { revision: form.revision } : {}) }, meta)
		})),
	addLeave: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			const branchId = here(actor, event.params);
			const zone = timeZoneOf(actor, branchId);
			return {
				leaveChange: await catalogue().addLeave(
					actor,
					branchId,
					form.userId ?? '',
					{ start: wallTimeToInstant(zone, form.start ?? ''), end: wallTimeToInstant(zone, form.end ?? ''), reason: form.reason ?? '', allBranches: form.allBranches === 'on' },
					meta
				)
			};
		}),
	removeLeave: (event) =>
		formAction(event, async ({ actor, form, meta }) => {
			await catalogue().removeLeave(actor, here(actor, event.params), form.userId ?? '', form.leaveId ?? '', meta);
			return { leaveRemoved: true };
		})
};
