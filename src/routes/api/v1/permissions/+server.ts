import { endpoint, ok } from '#lib/server/http/api.ts';
import { PERMISSION_GROUPS } from '#lib/shared/access/permissions.ts';

/** The permission catalogue, grouped by module, with the sentence the role editor shows. */
export const GET = endpoint(() =>
	ok({
		groups: Object.entries(PERMISSION_GROUPS).map(([key, g]) => ({
			key,
			label: g.label,
			permissions: Object.entries(g.permissions).map(([name, description]) => ({ name, description }))
		}))
	})
);
