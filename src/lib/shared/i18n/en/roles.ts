/**
 * The roles screens, and the permission catalogue and system roles as a reader sees them. The
 * English of `permissionGroup.*`, `permission.*` and `role.system.*` is the text in
 * access/permissions.ts (which the API keeps returning); a test keeps the two in step.
 */
export const roles = {
	'roles.title': 'Roles',
	'roles.intro': "A role is a set of permissions. System roles follow SkinSpire's defaults; copy one to make your own.",
	'roles.new': 'New role',
	'roles.demoMfaNote':
		'This demo hospital does not require a second factor for Hospital admins, so the demo sign-ins keep working. A real hospital should require it: open Hospital admin and tick the box.',
	'roles.badge.system': 'System',
	'roles.badge.mfaRequired': 'MFA required',
	'roles.summary': '{permissions} permissions · held by {count} people',
	'roles.summary#one': '{permissions} permissions · held by {count} person',

	'roles.copyOf': 'Starting from a copy of {name}.',
	'roles.copyName': '{name} (copy)',
	'roles.field.name': 'Name',
	'roles.field.description': 'What is this role for?',
	'roles.field.mfaRequired': 'Require a second factor (MFA) for people with this role',
	'roles.create': 'Create role',

	'roles.detail.title': '{name} · Roles',
	'roles.detail.back': '← All roles',
	'roles.detail.system': 'System role: its permissions follow SkinSpire; copy it to make your own version.',
	'roles.detail.custom': 'Custom role.',
	'roles.detail.heldBy': 'Held by {count} people.',
	'roles.detail.heldBy#one': 'Held by {count} person.',
	'roles.detail.created': 'Role created.',
	'roles.detail.saved': 'Saved.',
	'roles.detail.copy': 'Copy as a new role',
	'roles.detail.delete': 'Delete role',

	'roles.permissions': 'Permissions',

	'permissionGroup.users': 'Staff and access',
	'permissionGroup.hospital': 'Hospital',
	'permissionGroup.audit': 'Audit',
	'permissionGroup.notices': 'Branch notices',
	'permissionGroup.patients': 'Patients',
	'permissionGroup.scheduling': 'Appointments and resources',
	'permission.appointments:read': "See a branch's calendars, appointments and free slots",
	'permission.appointments:book': 'Book, move and cancel appointments, and hold a slot while booking',
	'permission.scheduling:manage': 'Set up services, rooms, devices, working hours, leave and holidays',
	'permission.queue:manage': 'Check patients in, mark priority, reorder the waiting queue and mark who left',
	'permission.queue:call': 'Call patients from the queue to a room, start and finish visits',
	'permission.boards:manage': 'Pair waiting-room TV boards with a branch, and revoke them',
	'permission.patients:read': 'Find patients and open their records (contact and clinical details masked without the next permission)',
	'permission.patients:read-sensitive': "See patients' contact details, ID, allergies, medications, conditions and history in full",
	'permission.patients:write': 'Register patients and edit their records',
	'permission.patients:export': 'Export patient lists to CSV, and photos for marketing where the patient agreed',
	'permission.patients:import': 'Import patients from another system (CSV)',

	'permission.users:read': 'See staff accounts, their branches and roles',
	'permission.users:manage': 'Invite staff, edit and deactivate accounts, assign roles',
	'permission.roles:manage': 'Create and edit custom roles, and require MFA per role',
	'permission.sessions:manage': "End other staff members' sessions",
	'permission.settings:manage': 'Change hospital-wide settings, such as how long an idle session lasts',
	'permission.audit:read': 'Read and export the audit trail, and verify that it is intact',
	'permission.notices:read': 'See the notices posted to a branch',
	'permission.notices:post': 'Post a notice to a branch',
	'permission.notices:clear-any': 'Clear any notice for everyone, not only their own',

	'role.system.admin.name': 'Hospital admin',
	'role.system.admin.description': 'Runs the hospital: staff, roles, audit, every branch',
	'role.system.manager.name': 'Branch manager',
	'role.system.manager.description': 'Runs a branch: sees its staff, clears notices, reads the audit trail',
	'role.system.doctor.name': 'Doctor',
	'role.system.doctor.description': 'Consults and treats patients',
	'role.system.nurse.name': 'Nurse / therapist',
	'role.system.nurse.description': 'Assists and performs procedures',
	'role.system.reception.name': 'Receptionist',
	'role.system.reception.description': 'Registers patients, books, runs the queue',
	'role.system.pharmacist.name': 'Pharmacist',
	'role.system.pharmacist.description': 'Dispenses and keeps stock',
	'role.system.accountant.name': 'Accountant',
	'role.system.accountant.description': 'Invoices, payments and reports'
} as const;
