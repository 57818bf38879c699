import type { MessageKey } from '../i18n/en/index.ts';
import { translate } from '../i18n/translate.ts';
import type { Locale } from '../i18n/locales.ts';
import { PERMISSION_GROUPS, SYSTEM_ROLES, type Permission, type SystemRoleKey } from './permissions.ts';

/**
 * The permission catalogue and the system roles as a reader sees them. permissions.ts holds the
 * English the code and API use; screens show these catalogue keys in the reader's language.
 * A custom role's name and description are the hospital's own words and are shown as they are.
 */
export type PermissionGroupKey = keyof typeof PERMISSION_GROUPS;

export function permissionMessageKey(permission: Permission): MessageKey {
	return `permission.${permission}`;
}

export function permissionGroupMessageKey(group: PermissionGroupKey): MessageKey {
	return `permissionGroup.${group}`;
}

export function systemRoleNameKey(key: SystemRoleKey): MessageKey {
	return `role.system.${key}.name`;
}

export function systemRoleDescriptionKey(key: SystemRoleKey): MessageKey {
	return `role.system.${key}.description`;
}

/** The groups and their permissions in catalogue order, typed, for screens to list. */
export const PERMISSION_GROUP_LIST = Object.entries(PERMISSION_GROUPS).map(([key, group]) => ({
	key: key as PermissionGroupKey,
	permissions: Object.keys(group.permissions) as Permission[]
}));

const SYSTEM_ROLE_BY_NAME = new Map<string, SystemRoleKey>(Object.entries(SYSTEM_ROLES).map(([key, role]) => [role.name, key as SystemRoleKey]));

/**
 * Which system role a role is. A system role keeps the name the code gave it (it cannot be
 * renamed, and no custom role may share it), so the name identifies it; null for a custom role.
 */
export function systemRoleKeyOf(role: { name: string; system: boolean }): SystemRoleKey | null {
	return role.system ? (SYSTEM_ROLE_BY_NAME.get(role.name) ?? null) : null;
}

/** A role's name in the reader's language: a system role's from the catalogue, a custom one's as written. */
export function roleName(locale: Locale, role: { name: string; system: boolean }): string {
	const key = systemRoleKeyOf(role);
	return key ? translate(locale, systemRoleNameKey(key)) : role.name;
}

export function roleDescription(locale: Locale, role: { name: string; description: string; system: boolean }): string {
	const key = systemRoleKeyOf(role);
	return key ? translate(locale, systemRoleDescriptionKey(key)) : role.description;
}

/** The name of an assignment's role, looked up among the hospital's roles to know whether it is a system role. */
export function assignedRoleName(locale: Locale, assignment: { roleId: string; roleName: string }, roles: readonly { id: string; name: string; system: boolean }[]): string {
	const role = roles.find((r) => r.id === assignment.roleId);
	return role ? roleName(locale, role) : assignment.roleName;
}
