import { redirect } from '@sveltejs/kit';

/** The setup area opens on its first page. */
export const load = async ({ params }) => {
	redirect(303, `/${params.branch.toLowerCase()}/setup/services`);
};
