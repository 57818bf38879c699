import { permissionsOf, type Permission } from './permissions.ts';

/** Who is acting: always derived from the session on the server, never from the request body. */
export interface Actor {
	userId: string;
	hospitalId: string;
	hospitalName: string;
	sessionId: string;
	name: string;
	email: string;
	branches: ActorBranch[];
}

export interface ActorBranch {
	id: string;
	name: string;
	code: string;
	timeZone: string;
	role: string;
}

export function branchOf(actor: Actor, branchId: string): ActorBranch | undefined {
	return actor.branches.find((b) => b.id === branchId);
}

export function can(actor: Actor, permission: Permission, branchId: string): boolean {
	const branch = branchOf(actor, branchId);
	return !!branch && permissionsOf(branch.role).includes(permission);
}
