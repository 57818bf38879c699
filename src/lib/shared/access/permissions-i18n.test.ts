import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en/index.ts';
import { hi } from '../i18n/hi/index.ts';
import { PERMISSION_GROUPS, SYSTEM_ROLES, type SystemRoleKey } from './permissions.ts';
import { assignedRoleName, roleDescription, roleName, systemRoleKeyOf } from './permission-messages.ts';

/**
 * Screens show permissions, their groups and the system roles from the catalogues, so every one
 * needs a key: a module that adds a permission or a system role adds its sentences too.
 */
describe('the permission catalogue in the reader’s language', () => {
	const english = en as Record<string, string>;
	const hindi = hi as Record<string, string>;

	it('every permission group, permission and system role has a catalogue key whose English is the text in permissions.ts', () => {
		const expected: Record<string, string> = {};
		for (const [key, group] of Object.entries(PERMISSION_GROUPS)) {
			expected[`permissionGroup.${key}`] = group.label;
			for (const [name, sentence] of Object.entries(group.permissions)) expected[`permission.${name}`] = sentence;
		}
		for (const [key, role] of Object.entries(SYSTEM_ROLES)) {
			expected[`role.system.${key}.name`] = role.name;
			expected[`role.system.${key}.description`] = role.description;
		}
		const problems = Object.entries(expected).flatMap(([key, text]) => {
			if (!(key in english)) return [`${key}: no catalogue key`];
			if (english[key] !== text) return [`${key}: the catalogue says "${english[key]}", permissions.ts says "${text}"`];
			if (!hindi[key]?.trim()) return [`${key}: no Hindi`];
			return [];
		});
		expect(problems).toEqual([]);
	});

	it('the catalogue has no key for a permission, group or system role that no longer exists', () => {
		const known = new Set([
			...Object.keys(PERMISSION_GROUPS).map((k) => `permissionGroup.${k}`),
			...Object.values(PERMISSION_GROUPS).flatMap((g) => Object.keys(g.permissions).map((p) => `permission.${p}`)),
			...Object.keys(SYSTEM_ROLES).flatMap((k) => [`role.system.${k}.name`, `role.system.${k}.description`])
		]);
		const stale = Object.keys(english).filter((k) => /^(permission\.|permissionGroup\.|role\.system\.)/.test(k) && !known.has(k));
		expect(stale).toEqual([]);
	});

	it('system role names are distinct, so a role’s name tells which system role it is', () => {
		const names = Object.values(SYSTEM_ROLES).map((r) => r.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('shows a system role in the reader’s language and a custom role as the hospital wrote it', () => {
		for (const key of Object.keys(SYSTEM_ROLES) as SystemRoleKey[]) {
			const role = { name: SYSTEM_ROLES[key].name, description: SYSTEM_ROLES[key].description, system: true };
			expect(systemRoleKeyOf(role)).toBe(key);
			expect(roleName('en', role)).toBe(SYSTEM_ROLES[key].name);
			expect(roleDescription('en', role)).toBe(SYSTEM_ROLES[key].description);
		}
		expect(roleName('hi', { name: 'Doctor', system: true })).toBe(hindi['role.system.doctor.name']);
		expect(roleName('hi', { name: 'Doctor', system: false })).toBe('Doctor');
		expect(roleDescription('hi', { name: 'Skin lead', description: 'Leads the laser room', system: false })).toBe('Leads the laser room');
		expect(roleName('hi', { name: 'Renamed long ago', system: true })).toBe('Renamed long ago');

		const roles = [
			{ id: 'a', name: 'Receptionist', system: true },
			{ id: 'b', name: 'Laser lead', system: false }
		];
		expect(assignedRoleName('hi', { roleId: 'a', roleName: 'Receptionist' }, roles)).toBe(hindi['role.system.reception.name']);
		expect(assignedRoleName('hi', { roleId: 'b', roleName: 'Laser lead' }, roles)).toBe('Laser lead');
		expect(assignedRoleName('hi', { roleId: 'c', roleName: 'Unknown' }, roles)).toBe('Unknown');
	});
});
