import type { Permission } from '../../shared/access/permissions.ts';
import type { ClientToServerEvents } from '../../shared/realtime/events.ts';

/**
 * What every route and socket command requires, in one table, enforced by one check (the
 * request hook, and the realtime layer for socket commands). Deny by default: a route or a
 * method that is not listed answers 404. A test walks src/routes and fails on any route,
 * endpoint method or form action that is missing here.
 *
 * - `public`: anyone.
 * - `signed-in`: any signed-in user with a full session.
 * - `signed-in-or-token`: a full session, or a bearer API token (other `signed-in` routes, such
 *   as managing sessions, MFA, passwords and tokens, refuse tokens).
 * - `any-session`: also a session that still owes a second factor (e.g. to sign out).
 * - `mfa-challenge`: only a session that owes a second factor (to enter the code).
 * - `mfa-setup`: a full session, or one whose role requires MFA not yet set up (to set it up).
 * - `{ permission, in: 'branch' }`: the permission in the branch named by the route's
 *   `[branch]` (code) or `[branchId]` parameter; a branch outside the user's reach answers 404.
 * - `{ permission, in: 'hospital' }`: the permission from a hospital-wide role.
 * - `{ permission, in: 'any-branch' }`: the permission in at least one branch; the service
 *   narrows what the user sees to those branches.
 */
export type AccessRule =
	| 'public'
	| 'signed-in'
	| 'any-session'
	| 'signed-in-or-token'
	| 'mfa-challenge'
	| 'mfa-setup'
	/** A patient's own portal account (and nobody else). */
	| 'patient'
	| { permission: Permission; in: 'branch' | 'hospital' | 'any-branch' };

/** Keys: an HTTP method, or `POST ?/<action>` for a form action (`POST ?/default` for the default one). */
export type RouteRules = Record<string, AccessRule>;

export const ROUTE_ACCESS: Record<string, RouteRules> = {
	'/': { GET: 'public' },
	'/(auth)/login': { GET: 'public', 'POST ?/default': 'public' },
	'/(auth)/forgot': { GET: 'public', 'POST ?/default': 'public' },
	'/(auth)/reset/[token]': { GET: 'public', 'POST ?/default': 'public' },
	'/(auth)/login/mfa': { GET: 'mfa-challenge', 'POST ?/default': 'mfa-challenge' },
	'/(auth)/mfa/setup': { GET: 'mfa-setup', 'POST ?/start': 'mfa-setup', 'POST ?/confirm': 'mfa-setup' },
	'/logout': { GET: 'public', 'POST ?/default': 'public' },
	'/language': { GET: 'public', 'POST ?/default': 'public' },
	'/portal': { GET: 'patient', 'POST ?/save': 'patient' },
	'/api/v1/portal/me': { GET: 'patient', PATCH: 'patient' },
	'/(app)/[branch]': {
		GET: { permission: 'notices:read', in: 'branch' },
		'POST ?/post': { permission: 'notices:post', in: 'branch' },
		// Whether this user may clear this notice (poster or notices:clear-any) is the service's call.
		'POST ?/clear': { permission: 'notices:read', in: 'branch' }
	},
	'/(app)/[branch]/audit': {
		GET: { permission: 'audit:read', in: 'branch' },
		'POST ?/verify': { permission: 'audit:read', in: 'hospital' }
	},
	'/(auth)/invite/[token]': { GET: 'public', 'POST ?/default': 'public' },
	// The page itself answers 404 unless the database is a demo.
	'/dev/mail': { GET: 'public' },
	'/(app)/[branch]/users': { GET: { permission: 'users:read', in: 'branch' } },
	'/(app)/[branch]/patients': { GET: { permission: 'patients:read', in: 'branch' } },
	'/(app)/[branch]/calendar': { GET: { permission: 'appointments:read', in: 'branch' } },
	// Scheduling setup screens: the branch's setup people. Changing the (hospital-wide) service
	// catalogue needs a hospital-wide role; a branch manager sees it read-only.
	'/(app)/[branch]/setup': { GET: { permission: 'scheduling:manage', in: 'branch' } },
	'/(app)/[branch]/setup/services': { GET: { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/create': { permission: 'scheduling:manage', in: 'hospital' }, 'POST ?/update': { permission: 'scheduling:manage', in: 'hospital' }, 'POST ?/deactivate': { permission: 'scheduling:manage', in: 'hospital' }, 'POST ?/reactivate': { permission: 'scheduling:manage', in: 'hospital' } },
	'/(app)/[branch]/setup/rooms': {
		GET: { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/createRoom': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/updateRoom': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/roomOut': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/roomIn': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/createDevice': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/updateDevice': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/deviceOut': { permission: 'scheduling:manage', in: 'branch' },
		'POST ?/deviceIn': { permission: 'scheduling:manage', in: 'branch' }
	},
	'/(app)/[branch]/setup/schedules': { GET: { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/saveWeek': { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/addLeave': { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/removeLeave': { permission: 'scheduling:manage', in: 'branch' } },
	'/(app)/[branch]/setup/hours': { GET: { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/saveHours': { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/addHoliday': { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/removeHoliday': { permission: 'scheduling:manage', in: 'branch' }, 'POST ?/saveLanguages': { permission: 'scheduling:manage', in: 'branch' } },
	// Reception's queue is for everyone who sees appointments; its actions go through /api/v1 (queue:manage).
	'/(app)/[branch]/queue': { GET: { permission: 'appointments:read', in: 'branch' } },
	'/(app)/[branch]/my-day': { GET: { permission: 'queue:call', in: 'branch' } },
	'/(app)/[branch]/patients/new': {
		GET: { permission: 'patients:write', in: 'branch' },
		'POST ?/register': { permission: 'patients:write', in: 'branch' }
	},
	'/(app)/[branch]/patients/[patientId]': {
		GET: { permission: 'patients:read', in: 'branch' },
		'POST ?/save': { permission: 'patients:write', in: 'branch' },
		'POST ?/addHistory': { permission: 'patients:write', in: 'branch' }
	},
	'/(app)/[branch]/users/new': {
		GET: { permission: 'users:manage', in: 'any-branch' },
		'POST ?/invite': { permission: 'users:manage', in: 'any-branch' }
	},
	'/(app)/[branch]/users/[userId]': {
		GET: { permission: 'users:read', in: 'any-branch' },
		'POST ?/update': { permission: 'users:manage', in: 'any-branch' },
		'POST ?/deactivate': { permission: 'users:manage', in: 'any-branch' },
		'POST ?/reactivate': { permission: 'users:manage', in: 'any-branch' },
		'POST ?/unlock': { permission: 'users:manage', in: 'any-branch' },
		'POST ?/endSessions': { permission: 'sessions:manage', in: 'any-branch' },
		'POST ?/resend': { permission: 'users:manage', in: 'any-branch' },
		'POST ?/grant': { permission: 'users:manage', in: 'any-branch' },
		'POST ?/revoke': { permission: 'users:manage', in: 'any-branch' }
	},
	'/(app)/[branch]/roles': { GET: { permission: 'users:read', in: 'any-branch' } },
	'/(app)/[branch]/roles/new': { GET: { permission: 'roles:manage', in: 'hospital' }, 'POST ?/create': { permission: 'roles:manage', in: 'hospital' } },
	'/(app)/[branch]/roles/[roleId]': {
		GET: { permission: 'roles:manage', in: 'hospital' },
		'POST ?/update': { permission: 'roles:manage', in: 'hospital' },
		'POST ?/delete': { permission: 'roles:manage', in: 'hospital' }
	},
	'/(app)/[branch]/account': {
		GET: 'signed-in',
		'POST ?/revoke': 'signed-in',
		'POST ?/revokeOthers': 'signed-in',
		'POST ?/disableMfa': 'signed-in',
		'POST ?/newRecoveryCodes': 'signed-in',
		'POST ?/changePassword': 'signed-in',
		'POST ?/createToken': 'signed-in',
		'POST ?/saveProfile': 'signed-in',
		'POST ?/uploadPhoto': 'signed-in',
		'POST ?/removePhoto': 'signed-in',
		'POST ?/revokeToken': 'signed-in'
	},
	'/api/v1/me/sessions': { GET: 'signed-in' },
	'/api/v1/me/sessions/[sessionId]': { DELETE: 'signed-in' },
	'/api/v1/me/sessions/revoke-others': { POST: 'signed-in' },
	// Patient records are hospital-wide: any branch where the permission is held will do.
	'/api/v1/patients': { GET: { permission: 'patients:read', in: 'any-branch' }, POST: { permission: 'patients:write', in: 'any-branch' } },
	'/api/v1/patients/duplicate-check': { POST: { permission: 'patients:read', in: 'any-branch' } },
	// Patient imports: the service also narrows them to the branches where one may import (others answer 404).
	'/(app)/[branch]/patients/import': { GET: { permission: 'patients:import', in: 'branch' } },
	'/(app)/[branch]/patients/import/new': { GET: { permission: 'patients:import', in: 'branch' }, 'POST ?/upload': { permission: 'patients:import', in: 'branch' } },
	'/(app)/[branch]/patients/import/[importId]': {
		GET: { permission: 'patients:import', in: 'branch' },
		'POST ?/map': { permission: 'patients:import', in: 'branch' },
		'POST ?/check': { permission: 'patients:import', in: 'branch' },
		'POST ?/start': { permission: 'patients:import', in: 'branch' },
		'POST ?/cancel': { permission: 'patients:import', in: 'branch' }
	},
	'/api/v1/patient-imports': { GET: { permission: 'patients:import', in: 'any-branch' }, POST: { permission: 'patients:import', in: 'any-branch' } },
	'/api/v1/patient-imports/[importId]': { GET: { permission: 'patients:import', in: 'any-branch' } },
	'/api/v1/patient-imports/[importId]/mapping': { PUT: { permission: 'patients:import', in: 'any-branch' } },
	'/api/v1/patient-imports/[importId]/dry-run': { POST: { permission: 'patients:import', in: 'any-branch' } },
	'/api/v1/patient-imports/[importId]/start': { POST: { permission: 'patients:import', in: 'any-branch' } },
	'/api/v1/patient-imports/[importId]/cancel': { POST: { permission: 'patients:import', in: 'any-branch' } },
	'/api/v1/patients/export.csv': { GET: { permission: 'patients:export', in: 'any-branch' } },
	'/api/v1/patients/[patientId]': { GET: { permission: 'patients:read', in: 'any-branch' }, PATCH: { permission: 'patients:write', in: 'any-branch' } },
	'/api/v1/patients/[patientId]/portal': { GET: { permission: 'patients:read', in: 'any-branch' }, POST: { permission: 'patients:write', in: 'any-branch' } },
	'/api/v1/patients/[patientId]/history': { GET: { permission: 'patients:read', in: 'any-branch' }, POST: { permission: 'patients:write', in: 'any-branch' } },
	// Documents and photos are clinical data: seeing them needs patients:read-sensitive; uploading
	// also needs it (the service checks), removing needs patients:write. The marketing export lets
	// any reader through so that the service can audit a refusal too (it requires patients:export).
	'/api/v1/patients/[patientId]/documents': { GET: { permission: 'patients:read-sensitive', in: 'any-branch' }, POST: { permission: 'patients:write', in: 'any-branch' } },
	'/api/v1/patients/[patientId]/documents/[fileId]': { DELETE: { permission: 'patients:write', in: 'any-branch' } },
	'/api/v1/patients/[patientId]/documents/[fileId]/content': { GET: { permission: 'patients:read-sensitive', in: 'any-branch' } },
	'/api/v1/patients/[patientId]/documents/[fileId]/thumbnail': { GET: { permission: 'patients:read-sensitive', in: 'any-branch' } },
	'/api/v1/patients/[patientId]/documents/[fileId]/marketing-export': { GET: { permission: 'patients:read', in: 'any-branch' } },
	'/api/v1/branches/[branchId]/services': { GET: { permission: 'appointments:read', in: 'branch' } },
	'/api/v1/branches/[branchId]/rooms': { GET: { permission: 'appointments:read', in: 'branch' }, POST: { permission: 'scheduling:manage', in: 'branch' } },
	// Scheduling setup. The service catalogue is hospital-wide: changing it needs scheduling:manage
	// from a hospital-wide role (a price changes at every branch). Rooms, devices, weeks, leave,
	// opening hours, holidays and languages belong to one branch: scheduling:manage there.
	'/api/v1/services': { GET: { permission: 'appointments:read', in: 'any-branch' }, POST: { permission: 'scheduling:manage', in: 'hospital' } },
	'/api/v1/services/[serviceId]': { GET: { permission: 'appointments:read', in: 'any-branch' }, PATCH: { permission: 'scheduling:manage', in: 'hospital' } },
	'/api/v1/branches/[branchId]/rooms/[roomId]': { PATCH: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/rooms/[roomId]/out-of-service': { POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/rooms/[roomId]/in-service': { POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/devices': { GET: { permission: 'appointments:read', in: 'branch' }, POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/devices/[deviceId]': { PATCH: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/devices/[deviceId]/out-of-service': { POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/devices/[deviceId]/in-service': { POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/schedules': { GET: { permission: 'appointments:read', in: 'branch' } },
	'/api/v1/branches/[branchId]/schedules/[userId]': { GET: { permission: 'appointments:read', in: 'branch' }, PUT: { permission: 'scheduling:manage', in: 'branch' } },
	// Leave at every branch also needs scheduling:manage wherever the practitioner works (the service checks).
	'/api/v1/branches/[branchId]/schedules/[userId]/leave': { POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/schedules/[userId]/leave/[leaveId]': { DELETE: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/opening-hours': { GET: { permission: 'appointments:read', in: 'branch' }, PUT: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/holidays': { GET: { permission: 'appointments:read', in: 'branch' }, POST: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/holidays/[holidayId]': { DELETE: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/languages': { GET: { permission: 'appointments:read', in: 'branch' }, PUT: { permission: 'scheduling:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/practitioners': { GET: { permission: 'appointments:read', in: 'branch' } },
	'/api/v1/branches/[branchId]/slots': { GET: { permission: 'appointments:read', in: 'branch' } },
	// The branch comes from the room booked; the service checks appointments:book there.
	'/api/v1/appointments': { POST: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/appointments/series': { POST: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/appointments/[appointmentId]': { PATCH: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/appointments/[appointmentId]/cancel': { POST: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/appointments/[appointmentId]/status': { POST: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/appointments/[appointmentId]/history': { GET: { permission: 'appointments:read', in: 'any-branch' } },
	'/api/v1/branches/[branchId]/appointments': { GET: { permission: 'appointments:read', in: 'branch' } },
	'/api/v1/branches/[branchId]/holds': { POST: { permission: 'appointments:book', in: 'branch' } },
	'/api/v1/holds/[holdId]': { DELETE: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/branches/[branchId]/waitlist': { GET: { permission: 'appointments:read', in: 'branch' }, POST: { permission: 'appointments:book', in: 'branch' } },
	// The entry's branch decides; the waitlist service checks appointments:book there.
	'/api/v1/waitlist/[entryId]': { DELETE: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/waitlist/[entryId]/book': { POST: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/waitlist/[entryId]/notify': { POST: { permission: 'appointments:book', in: 'any-branch' } },
	'/api/v1/branches/[branchId]/queue': { GET: { permission: 'appointments:read', in: 'branch' }, POST: { permission: 'queue:manage', in: 'branch' } },
	'/api/v1/branches/[branchId]/queue/call-next': { POST: { permission: 'queue:call', in: 'branch' } },
	'/api/v1/branches/[branchId]/my-day': { GET: { permission: 'appointments:read', in: 'branch' } },
	// The entry's branch decides; the service checks the permission there.
	'/api/v1/queue/[entryId]/call': { POST: { permission: 'queue:call', in: 'any-branch' } },
	// Start/finish need queue:call, left/back in line queue:manage or queue:call: the service decides.
	'/api/v1/queue/[entryId]/status': { POST: { permission: 'appointments:read', in: 'any-branch' } },
	'/api/v1/queue/[entryId]/priority': { POST: { permission: 'queue:manage', in: 'any-branch' } },
	'/api/v1/queue/[entryId]/reorder': { POST: { permission: 'queue:manage', in: 'any-branch' } },
	'/api/v1/branches/[branchId]/boards': { GET: { permission: 'boards:manage', in: 'branch' }, POST: { permission: 'boards:manage', in: 'branch' } },
	'/api/v1/boards/[deviceId]': { DELETE: { permission: 'boards:manage', in: 'any-branch' } },
	'/api/v1/boards/[deviceId]/code': { POST: { permission: 'boards:manage', in: 'any-branch' } },
	// A waiting-room TV: the pairing code (rate-limited) or its device token is its only credential.
	'/api/v1/board/pair': { POST: 'public' },
	'/api/v1/board': { GET: 'public' },
	// The waiting-room TV's page: no session; it holds a device token (or pairs to get one).
	'/board': { GET: 'public' },
	'/(app)/[branch]/boards': {
		GET: { permission: 'boards:manage', in: 'branch' },
		'POST ?/create': { permission: 'boards:manage', in: 'branch' },
		'POST ?/renew': { permission: 'boards:manage', in: 'branch' },
		'POST ?/revoke': { permission: 'boards:manage', in: 'branch' }
	},
	'/api/v1/users': {
		GET: { permission: 'users:read', in: 'any-branch' },
		POST: { permission: 'users:manage', in: 'any-branch' }
	},
	'/api/v1/users/[userId]': {
		GET: { permission: 'users:read', in: 'any-branch' },
		PATCH: { permission: 'users:manage', in: 'any-branch' }
	},
	'/api/v1/users/[userId]/deactivate': { POST: { permission: 'users:manage', in: 'any-branch' } },
	'/api/v1/users/[userId]/reactivate': { POST: { permission: 'users:manage', in: 'any-branch' } },
	'/api/v1/users/[userId]/unlock': { POST: { permission: 'users:manage', in: 'any-branch' } },
	'/api/v1/users/[userId]/resend-invitation': { POST: { permission: 'users:manage', in: 'any-branch' } },
	'/api/v1/users/[userId]/end-sessions': { POST: { permission: 'sessions:manage', in: 'any-branch' } },
	'/api/v1/users/[userId]/roles': { POST: { permission: 'users:manage', in: 'any-branch' } },
	'/api/v1/users/[userId]/roles/[assignmentId]': { DELETE: { permission: 'users:manage', in: 'any-branch' } },
	'/api/v1/roles': {
		GET: { permission: 'users:read', in: 'any-branch' },
		POST: { permission: 'roles:manage', in: 'hospital' }
	},
	'/api/v1/roles/[roleId]': {
		GET: { permission: 'roles:manage', in: 'hospital' },
		PATCH: { permission: 'roles:manage', in: 'hospital' },
		DELETE: { permission: 'roles:manage', in: 'hospital' }
	},
	'/api/v1/permissions': { GET: 'signed-in' },
	'/api/v1/activity': { GET: { permission: 'audit:read', in: 'hospital' } },
	'/(app)/[branch]/activity': { GET: { permission: 'audit:read', in: 'hospital' } },
	'/api/v1/hospital/settings': { GET: { permission: 'settings:manage', in: 'hospital' }, PATCH: { permission: 'settings:manage', in: 'hospital' } },
	'/(app)/[branch]/settings': { GET: { permission: 'settings:manage', in: 'hospital' }, 'POST ?/save': { permission: 'settings:manage', in: 'hospital' } },
	'/api/v1/invitations/accept': { POST: 'public' },
	'/api/v1/audit': { GET: { permission: 'audit:read', in: 'any-branch' } },
	'/api/v1/audit/export': { GET: { permission: 'audit:read', in: 'any-branch' } },
	'/api/v1/audit/verify': { POST: { permission: 'audit:read', in: 'hospital' } },
	'/api/docs': { GET: 'public' },
	'/api/docs/[file]': { GET: 'public' },
	'/api/v1/openapi.json': { GET: 'public' },
	'/api/v1/auth/login': { POST: 'public' },
	'/api/v1/auth/logout': { POST: 'any-session' },
	'/api/v1/auth/mfa': { POST: 'mfa-challenge' },
	'/api/v1/auth/password-reset': { POST: 'public' },
	'/api/v1/auth/password-reset/complete': { POST: 'public' },
	'/api/v1/me/password': { POST: 'signed-in' },
	'/api/v1/me/mfa': { GET: 'mfa-setup' },
	'/api/v1/me/mfa/totp': { POST: 'mfa-setup' },
	'/api/v1/me/mfa/totp/confirm': { POST: 'mfa-setup' },
	'/api/v1/me/mfa/totp/disable': { POST: 'signed-in' },
	'/api/v1/me/mfa/recovery-codes': { POST: 'signed-in' },
	'/api/v1/me': { GET: 'signed-in-or-token' },
	'/api/v1/me/tokens': { GET: 'signed-in', POST: 'signed-in' },
	'/api/v1/me/profile': { GET: 'signed-in', PATCH: 'signed-in' },
	'/api/v1/me/notifications': { GET: 'signed-in-or-token' },
	'/api/v1/me/notifications/read': { POST: 'signed-in-or-token' },
	'/api/v1/me/photo': { PUT: 'signed-in', DELETE: 'signed-in' },
	// One's own photo, or anyone's for people who may see staff (checked by the service).
	'/api/v1/users/[userId]/photo': { GET: 'signed-in' },
	'/api/v1/me/tokens/[tokenId]': { DELETE: 'signed-in' },
	'/api/v1/branches/[branchId]/notices': {
		GET: { permission: 'notices:read', in: 'branch' },
		POST: { permission: 'notices:post', in: 'branch' }
	},
	'/api/v1/branches/[branchId]/notices/[id]': { DELETE: { permission: 'notices:read', in: 'branch' } },
	'/api/v1/branches/[branchId]/notices/[id]/dismissal': { PUT: { permission: 'notices:read', in: 'branch' } }
};

/** Socket commands: the type makes a command without a rule a compile error. */
export const SOCKET_COMMAND_ACCESS: Record<keyof ClientToServerEvents, { permission: Permission; in: 'branch' | 'any-branch' }> = {
	'notice:post': { permission: 'notices:post', in: 'branch' },
	// Charts are hospital-wide: the service also finds the patient in the actor's hospital or answers 404.
	'patient:watch': { permission: 'patients:read', in: 'any-branch' },
	'patient:unwatch': { permission: 'patients:read', in: 'any-branch' }
};

export function ruleFor(routeId: string | null, method: string, search: string): AccessRule | undefined {
	if (routeId === null) return undefined;
	const rules = ROUTE_ACCESS[routeId];
	if (!rules) return undefined;
	if (method === 'POST' && search.startsWith('?/')) return rules[`POST ?/${search.slice(2).split('&')[0]}`];
	if (method === 'POST' && rules['POST ?/default'] && !rules.POST) return rules['POST ?/default'];
	// HEAD is a GET without a body.
	return rules[method === 'HEAD' ? 'GET' : method];
}
