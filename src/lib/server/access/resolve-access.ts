import type { ActorBranch } from '../../shared/access/actor.ts';
import { isPermission, type Permission } from '../../shared/access/permissions.ts';

export interface AssignmentRow {
	/** null: the role applies hospital-wide. */
	branch_id: string | null;
	role: string;
	permissions: string[];
}

export interface BranchRow {
	id: string;
	name: string;
	code: string;
	time_zone: string;
}

/**
 * What a user's role assignments mean: hospital-wide roles grant their permissions at hospital
 * level and in every branch; a branch-scoped role only in its branch. A branch with no role that
 * applies is not the user's. Unknown permission strings (from an older catalogue) grant nothing.
 */
export function resolveAccess(assignments: AssignmentRow[], hospitalBranches: BranchRow[]): { hospitalPermissions: Permission[]; branches: ActorBranch[] } {
	const known = (ps: string[]) => ps.filter(isPermission);
	const wide = assignments.filter((a) => a.branch_id === null);
	const hospitalPermissions = [...new Set(wide.flatMap((a) => known(a.permissions)))].sort();
	const branches: ActorBranch[] = [];
	for (const b of hospitalBranches) {
		const here = assignments.filter((a) => a.branch_id === null || a.branch_id === b.id);
		if (!here.length) continue;
		branches.push({
			id: b.id,
			name: b.name,
			code: b.code,
			timeZone: b.time_zone,
			roles: [...new Set(here.map((a) => a.role))].sort(),
			permissions: [...new Set(here.flatMap((a) => known(a.permissions)))].sort()
		});
	}
	return { hospitalPermissions, branches };
}
