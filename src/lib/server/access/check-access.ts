import { branchOf, can, canAnywhere, type Actor } from '../../shared/access/actor.ts';
import { DomainError } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { AccessRule } from './route-access.ts';

/** The branch a route names: `[branchId]` (a uuid) or `[branch]` (a code). */
export function branchIdFromParams(actor: Actor, params: Record<string, string | undefined>): string | undefined {
	if (params.branchId) return branchOf(actor, params.branchId)?.id;
	if (params.branch) return actor.branches.find((b) => b.code.toLowerCase() === params.branch!.toLowerCase())?.id;
	return undefined;
}

/**
 * The one check. Throws UNAUTHENTICATED (no actor where one is needed), NOT_FOUND (a branch
 * outside the actor's reach, or a route with no rule) or FORBIDDEN (in reach, but the roles do
 * not grant the permission).
 */
export function checkAccess(rule: AccessRule | undefined, actor: Actor | null, params: Record<string, string | undefined>): void {
	if (rule === undefined) throw new DomainError('NOT_FOUND');
	if (rule === 'public') return;
	if (!actor) throw new DomainError('UNAUTHENTICATED');
	// A bearer token reaches what its permissions allow, and nothing that manages the account.
	if (actor.via === 'token' && typeof rule === 'string' && rule !== 'signed-in-or-token') {
		throw new DomainError('FORBIDDEN', msg('errors.access.tokenCannot'));
	}
	if (rule === 'any-session') return;
	// A session that owes a second factor can do nothing but provide it.
	if (actor.mfa === 'challenge') {
		if (rule === 'mfa-challenge') return;
		throw new DomainError('MFA_REQUIRED');
	}
	if (rule === 'mfa-challenge') throw new DomainError('NOT_FOUND');
	// Someone whose role requires MFA sets it up before anything else.
	if (actor.mfa === 'enrol') {
		if (rule === 'mfa-setup') return;
		throw new DomainError('MFA_ENROLMENT_REQUIRED');
	}
	if (rule === 'signed-in' || rule === 'mfa-setup' || rule === 'signed-in-or-token') return;
	// Staff have no portal, and a portal account has no roles, so no staff rule below lets it in.
	if (rule === 'patient') {
		if (!actor.patientId) throw new DomainError('NOT_FOUND');
		return;
	}
	if (rule.in === 'branch') {
		const branchId = branchIdFromParams(actor, params);
		if (!branchId) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, rule.permission, branchId)) throw new DomainError('FORBIDDEN');
	} else if (rule.in === 'hospital') {
		if (!can(actor, rule.permission)) throw new DomainError('FORBIDDEN');
	} else if (!canAnywhere(actor, rule.permission)) {
		throw new DomainError('FORBIDDEN');
	}
}
