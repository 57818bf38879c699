/**
 * The catalogue of permissions, `<module>:<action>`, with the plain-language line an admin reads.
 * Issue 3 turns the fixed role sets below into editable roles; the names stay.
 */
export const PERMISSIONS = {
	'notices:read': 'See the notices posted to a branch',
	'notices:post': 'Post a notice to a branch',
	'notices:clear-any': "Clear any notice for everyone, not only one's own"
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_NAMES = ['admin', 'manager', 'reception', 'doctor', 'nurse', 'pharmacist', 'accountant'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
	admin: 'Hospital admin',
	manager: 'Branch manager',
	reception: 'Receptionist',
	doctor: 'Doctor',
	nurse: 'Nurse / therapist',
	pharmacist: 'Pharmacist',
	accountant: 'Accountant'
};

const everyone: Permission[] = ['notices:read', 'notices:post'];

export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
	admin: [...everyone, 'notices:clear-any'],
	manager: [...everyone, 'notices:clear-any'],
	reception: everyone,
	doctor: everyone,
	nurse: everyone,
	pharmacist: everyone,
	accountant: everyone
};

export function permissionsOf(role: string): readonly Permission[] {
	return (ROLE_PERMISSIONS as Record<string, readonly Permission[]>)[role] ?? [];
}
