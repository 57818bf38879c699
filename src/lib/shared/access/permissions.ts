/**
 * The one catalogue of permissions, `<module>:<action>`, grouped by module, with the plain
 * sentence an admin reads in the role editor. A module adds its permissions here.
 */
export const PERMISSION_GROUPS = {
	users: {
		label: 'Staff and access',
		permissions: {
			'users:read': 'See staff accounts, their branches and roles',
			'users:manage': 'Invite staff, edit and deactivate accounts, assign roles',
			'roles:manage': 'Create and edit custom roles, and require MFA per role',
			'sessions:manage': "End other staff members' sessions"
		}
	},
	hospital: {
		label: 'Hospital',
		permissions: {
			'settings:manage': 'Change hospital-wide settings, such as how long an idle session lasts'
		}
	},
	audit: {
		label: 'Audit',
		permissions: {
			'audit:read': 'Read and export the audit trail, and verify that it is intact'
		}
	},
	patients: {
		label: 'Patients',
		permissions: {
			'patients:read': 'Find patients and open their records (contact and clinical details masked without the next permission)',
			'patients:read-sensitive': 'See patients\' contact details, ID, allergies, medications, conditions and history in full',
			'patients:write': 'Register patients and edit their records',
			'patients:export': 'Export patient lists to CSV, and photos for marketing where the patient agreed',
			'patients:import': 'Import patients from another system (CSV)'
		}
	},
	scheduling: {
		label: 'Appointments and resources',
		permissions: {
			'appointments:read': "See a branch's calendars, appointments and free slots",
			'appointments:book': 'Book, move and cancel appointments, and hold a slot while booking',
			'scheduling:manage': 'Set up services, rooms, devices, working hours, leave and holidays',
			'queue:manage': 'Check patients in, mark priority, reorder the waiting queue and mark who left',
			'queue:call': 'Call patients from the queue to a room, start and finish visits',
			'boards:manage': 'Pair waiting-room TV boards with a branch, and revoke them'
		}
	},
	notices: {
		label: 'Branch notices',
		permissions: {
			'notices:read': 'See the notices posted to a branch',
			'notices:post': 'Post a notice to a branch',
			'notices:clear-any': 'Clear any notice for everyone, not only their own'
		}
	}
} as const;

type Groups = typeof PERMISSION_GROUPS;
export type Permission = { [G in keyof Groups]: keyof Groups[G]['permissions'] }[keyof Groups] & string;

export const PERMISSIONS: Record<Permission, string> = Object.assign(
	{},
	...Object.values(PERMISSION_GROUPS).map((g) => g.permissions)
) as Record<Permission, string>;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
	return Object.hasOwn(PERMISSIONS, value);
}

/** The roles every hospital starts with. They can be copied but not deleted. */
export const SYSTEM_ROLES = {
	admin: {
		name: 'Hospital admin',
		description: 'Runs the hospital: staff, roles, audit, every branch',
		permissions: ALL_PERMISSIONS
	},
	manager: {
		name: 'Branch manager',
		description: 'Runs a branch: sees its staff, clears notices, reads the audit trail',
		permissions: ['users:read', 'audit:read', 'notices:read', 'notices:post', 'notices:clear-any', 'patients:read', 'patients:read-sensitive', 'patients:write', 'patients:export', 'patients:import', 'appointments:read', 'appointments:book', 'scheduling:manage', 'queue:manage', 'queue:call', 'boards:manage']
	},
	doctor: { name: 'Doctor', description: 'Consults and treats patients', permissions: ['notices:read', 'notices:post', 'patients:read', 'patients:read-sensitive', 'patients:write', 'appointments:read', 'appointments:book', 'queue:call'] },
	nurse: { name: 'Nurse / therapist', description: 'Assists and performs procedures', permissions: ['notices:read', 'notices:post', 'patients:read', 'patients:read-sensitive', 'patients:write', 'appointments:read', 'appointments:book', 'queue:call'] },
	reception: { name: 'Receptionist', description: 'Registers patients, books, runs the queue', permissions: ['notices:read', 'notices:post', 'patients:read', 'patients:write', 'appointments:read', 'appointments:book', 'queue:manage'] },
	pharmacist: { name: 'Pharmacist', description: 'Dispenses and keeps stock', permissions: ['notices:read', 'notices:post', 'patients:read', 'patients:read-sensitive'] },
	accountant: { name: 'Accountant', description: 'Invoices, payments and reports', permissions: ['notices:read', 'notices:post', 'patients:read', 'appointments:read'] }
} as const satisfies Record<string, { name: string; description: string; permissions: readonly Permission[] }>;

export type SystemRoleKey = keyof typeof SYSTEM_ROLES;
