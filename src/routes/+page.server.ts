import { redirect } from '@sveltejs/kit';

/** The front door: a patient to their portal, staff to their first branch, anyone else to sign-in. */
export const load = ({ locals }) => {
	if (locals.actor?.patientId) redirect(303, '/portal');
	const first = locals.actor?.branches[0];
	if (!first) redirect(303, '/login');
	redirect(303, `/${first.code.toLowerCase()}`);
};
