import { redirect } from '@sveltejs/kit';

/** The front door: straight to the first branch of a signed-in user, else to sign-in. */
export const load = ({ locals }) => {
	const first = locals.actor?.branches[0];
	if (!first) redirect(303, '/login');
	redirect(303, `/${first.code.toLowerCase()}`);
};
