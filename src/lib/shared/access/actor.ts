import type { Permission } from './permissions.ts';
import type { Locale } from '../i18n/locales.ts';

/** Who is acting: always derived from the session on the server, never from the request body. */
export interface Actor {
	userId: string;
	hospitalId: string;
	hospitalName: string;
	sessionId: string;
	name: string;
	email: string;
	/** Set when this is a patient's portal account: it may see that patient's own record, nothing else. */
	patientId: string | null;
	/** The language the person chose for screens, messages and emails; null follows their device. */
	language: Locale | null;
	/** From roles assigned hospital-wide; they apply in every branch too. */
	hospitalPermissions: Permission[];
	/** Branches the user works in (a hospital-wide role means every branch). */
	branches: ActorBranch[];
	/**
	 * ok: a full session. challenge: the password was right but a second factor is still owed.
	 * enrol: a role requires MFA and the user has not set it up yet.
	 */
	mfa: 'ok' | 'challenge' | 'enrol';
	/** How the request authenticated: a browser session cookie, or a bearer API token. */
	via: 'session' | 'token';
}

export interface ActorBranch {
	id: string;
	name: string;
	code: string;
	timeZone: string;
	/** Names of the roles that apply here, hospital-wide ones included. */
	roles: string[];
	permissions: Permission[];
}

export function branchOf(actor: Actor, branchId: string): ActorBranch | undefined {
	return actor.branches.find((b) => b.id === branchId);
}

/**
 * Deny by default. With a branch: does any role that applies in that branch grant it?
 * Without: does a hospital-wide role grant it?
 */
export function can(actor: Actor, permission: Permission, branchId?: string): boolean {
	if (branchId === undefined) return actor.hospitalPermissions.includes(permission);
	return branchOf(actor, branchId)?.permissions.includes(permission) ?? false;
}

/** In at least one branch (or hospital-wide). */
export function canAnywhere(actor: Actor, permission: Permission): boolean {
	return actor.hospitalPermissions.includes(permission) || actor.branches.some((b) => b.permissions.includes(permission));
}
