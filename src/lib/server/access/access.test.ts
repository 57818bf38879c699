import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../shared/access/actor.ts';
import { isDomainError } from '../errors/domain-error.ts';
import { checkAccess } from './check-access.ts';
import { resolveAccess } from './resolve-access.ts';

const IND = { id: '11111111-1111-4111-8111-111111111111', name: 'Indiranagar', code: 'IND', time_zone: 'Asia/Kolkata' };
const KOR = { id: '22222222-2222-4222-8222-222222222222', name: 'Koramangala', code: 'KOR', time_zone: 'Asia/Kolkata' };

function actorWith(assignments: Parameters<typeof resolveAccess>[0]): Actor {
	return { userId: 'u', hospitalId: 'h', hospitalName: 'H', sessionId: 's', name: 'N', email: 'e@x', language: null, patientId: null, mfa: 'ok', via: 'session', ...resolveAccess(assignments, [IND, KOR]) };
}

function codeOf(fn: () => void): string | null {
	try {
		fn();
		return null;
	} catch (e) {
		return isDomainError(e) ? e.code : 'OTHER';
	}
}

describe('resolveAccess', () => {
	it('gives a branch-scoped role only in its branch', () => {
		const a = actorWith([{ branch_id: IND.id, role: 'Receptionist', permissions: ['notices:read', 'notices:post'] }]);
		expect(a.branches.map((b) => b.code)).toEqual(['IND']);
		expect(can(a, 'notices:post', IND.id)).toBe(true);
		expect(can(a, 'notices:post', KOR.id)).toBe(false);
		expect(can(a, 'notices:post')).toBe(false);
	});

	it('gives a hospital-wide role everywhere, and unions roles', () => {
		const a = actorWith([
			{ branch_id: null, role: 'Auditor', permissions: ['audit:read'] },
			{ branch_id: KOR.id, role: 'Branch manager', permissions: ['notices:clear-any', 'notices:read'] }
		]);
		expect(a.branches.map((b) => b.code)).toEqual(['IND', 'KOR']);
		expect(a.branches[1]!.roles).toEqual(['Auditor', 'Branch manager']);
		expect(can(a, 'audit:read')).toBe(true);
		expect(can(a, 'notices:clear-any', KOR.id)).toBe(true);
		expect(can(a, 'notices:clear-any', IND.id)).toBe(false);
	});

	it('ignores permission strings that are not in the catalogue', () => {
		const a = actorWith([{ branch_id: null, role: 'Odd', permissions: ['everything:*', 'notices:read'] }]);
		expect(a.hospitalPermissions).toEqual(['notices:read']);
	});
});

describe('checkAccess', () => {
	const reception = actorWith([{ branch_id: IND.id, role: 'Receptionist', permissions: ['notices:read', 'notices:post'] }]);

	it('answers 404 for a branch outside reach, 403 for a missing permission in reach', () => {
		const rule = { permission: 'notices:post', in: 'branch' } as const;
		expect(codeOf(() => checkAccess(rule, reception, { branchId: IND.id }))).toBeNull();
		expect(codeOf(() => checkAccess(rule, reception, { branch: 'ind' }))).toBeNull();
		expect(codeOf(() => checkAccess(rule, reception, { branchId: KOR.id }))).toBe('NOT_FOUND');
		expect(codeOf(() => checkAccess(rule, reception, { branch: 'kor' }))).toBe('NOT_FOUND');
		expect(codeOf(() => checkAccess({ permission: 'notices:clear-any', in: 'branch' }, reception, { branchId: IND.id }))).toBe('FORBIDDEN');
	});

	it('lets a pending-MFA session reach nothing but the challenge, and a token nothing that manages the account', () => {
		const pending = { ...reception, mfa: 'challenge' as const };
		expect(codeOf(() => checkAccess('signed-in-or-token', pending, {}))).toBe('MFA_REQUIRED');
		expect(codeOf(() => checkAccess({ permission: 'notices:read', in: 'branch' }, pending, { branchId: IND.id }))).toBe('MFA_REQUIRED');
		expect(codeOf(() => checkAccess('mfa-challenge', pending, {}))).toBeNull();
		expect(codeOf(() => checkAccess('any-session', pending, {}))).toBeNull();
		const enrolling = { ...reception, mfa: 'enrol' as const };
		expect(codeOf(() => checkAccess('signed-in', enrolling, {}))).toBe('MFA_ENROLMENT_REQUIRED');
		expect(codeOf(() => checkAccess('mfa-setup', enrolling, {}))).toBeNull();
		const token = { ...reception, via: 'token' as const };
		expect(codeOf(() => checkAccess('signed-in-or-token', token, {}))).toBeNull();
		expect(codeOf(() => checkAccess('signed-in', token, {}))).toBe('FORBIDDEN');
		expect(codeOf(() => checkAccess({ permission: 'notices:read', in: 'branch' }, token, { branchId: IND.id }))).toBeNull();
	});

	it('needs a signed-in actor unless public, and denies a route without a rule', () => {
		expect(codeOf(() => checkAccess('public', null, {}))).toBeNull();
		expect(codeOf(() => checkAccess('signed-in', null, {}))).toBe('UNAUTHENTICATED');
		expect(codeOf(() => checkAccess(undefined, reception, {}))).toBe('NOT_FOUND');
		expect(codeOf(() => checkAccess({ permission: 'users:read', in: 'hospital' }, reception, {}))).toBe('FORBIDDEN');
	});
});
