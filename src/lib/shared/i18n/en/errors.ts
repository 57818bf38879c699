/**
 * What the server says: refusals (`errors.*`, carried by DomainError), what a schema says about a
 * field (`<module>.v.*`, the zod messages) and the few other answers server code gives. The
 * English is what the API has always said: clients and tests compare it, so change it knowingly.
 */
export const errors = {
	// Requests
	'errors.http.notJson': 'Send the body as JSON with Content-Type: application/json',
	'errors.http.jsonTooLarge': 'The JSON body is larger than 1 MB; send less at a time',
	'errors.http.badJson': 'The request body is not valid JSON; check quotes, commas and brackets',
	'errors.http.tooManyAttempts': 'Too many attempts from this network; try again in {seconds} seconds',

	// Access
	'errors.access.badToken': 'The API token is unknown, expired or revoked',
	'errors.access.tokenCannot': 'An API token cannot do this; sign in instead',
	'errors.branches.notFound': 'No such branch',
	'errors.activity.forbidden': 'The activity dashboard needs audit:read hospital-wide',
	'errors.audit.verifyForbidden': 'Verifying the whole chain needs audit:read hospital-wide',
	// Why a row breaks the audit chain (the verify report's `reason`).
	'errors.audit.chainMissingRow': 'row {expected} is missing (found {found} next)',
	'errors.audit.chainLink': 'its link to the previous row does not match',
	'errors.audit.chainContent': 'its content does not match its hash',

	// Signing in, sessions, passwords, second factor
	'errors.auth.locked': 'This account is locked after too many failed sign-ins. Try again in {count} minutes, or ask an administrator to unlock it.',
	'errors.auth.locked#one': 'This account is locked after too many failed sign-ins. Try again in {count} minute, or ask an administrator to unlock it.',
	'errors.sessions.notFound': 'No such session',
	'errors.passwords.currentWrong': 'Your current password is not right',
	'errors.passwords.sameAsCurrent': 'Choose a password different from the current one',
	'errors.passwords.chooseDifferent': 'Choose a different password',
	'errors.passwords.resetLinkInvalid': 'This reset link has expired or was already used; ask for a new one',
	'errors.mfa.passwordWrong': 'That password is not right',
	'errors.mfa.alreadySetUp': 'An authenticator is already set up; turn it off first to set up another',
	'errors.mfa.startFirst': 'Start setting up the authenticator first',
	'errors.mfa.setUpFirst': 'Set up an authenticator first',
	'errors.mfa.codeWrong': 'That code is not right',
	'errors.mfa.codeWrongCheckTime': 'That code is not right; check the time on your phone and try the next code',
	'errors.mfa.codeWrongTryRecovery': 'That code is not right; try the current code or a recovery code',
	'errors.mfa.requiredByRole': 'One of your roles requires a second factor, so it cannot be turned off',
	'errors.mfa.signInEnded': 'This sign-in has ended; sign in again',
	'errors.mfa.tooManyCodes': 'Too many wrong codes; sign in again',

	// API tokens
	'errors.tokens.sessionOnly': 'Tokens are managed from a signed-in session, not with another token',
	'errors.tokens.beyondOwn': 'A token can only carry permissions you hold: not {permissions}',
	'errors.tokens.onlyOwn': 'Only permissions you hold',
	'errors.tokens.notFound': 'No such token',

	// Staff
	'errors.users.notFound': 'No such user',
	'errors.users.personNotFound': 'No such person',
	'errors.users.roleMissing': 'That role does not exist',
	'errors.users.chooseHospitalRole': 'Choose one of the roles of this hospital',
	'errors.users.branchMissing': 'That branch does not exist',
	'errors.users.chooseHospitalBranch': 'Choose one of the branches of this hospital',
	'errors.users.branchForbidden': 'You cannot manage staff in that branch',
	'errors.users.hospitalWideOnly': 'Only a hospital-wide administrator can grant hospital-wide roles',
	'errors.users.grantBeyondOwn': 'You cannot grant a role with permissions you do not hold there yourself: {permissions}',
	'errors.users.emailTaken': 'An account with this email already exists',
	'errors.users.alreadyJoined': 'This person has already joined',
	'errors.users.stale': 'Someone else changed this person in the meantime; review their change and try again',
	'errors.users.selfDeactivate': 'You cannot deactivate your own account',
	'errors.users.assignmentNotFound': 'No such role assignment',
	'errors.users.lastAdmin': 'At least one active Hospital admin must remain',
	'errors.users.invitationInvalid': 'This invitation link has expired or was already used; ask your administrator for a new one',

	// Roles
	'errors.roles.manageForbidden': 'Managing roles needs roles:manage hospital-wide',
	'errors.roles.notFound': 'No such role',
	'errors.roles.nameTaken': 'A role with this name already exists',
	'errors.roles.stale': 'Someone else changed this role in the meantime; review their change and try again',
	'errors.roles.systemFixed': 'System roles keep their name and permissions; copy the role to make your own version',
	'errors.roles.systemUndeletable': 'System roles cannot be deleted',
	'errors.roles.inUse': 'This role is held by {count} people; take it away from them first',
	'errors.roles.inUse#one': 'This role is held by {count} person; take it away from them first',

	// Profile and photo
	'errors.profile.stale': 'Your details were changed elsewhere in the meantime; review them and try again',
	'errors.profile.photoTooLarge': 'The photo is larger than {kilobytes} KB; choose a smaller one',
	'errors.profile.photoAtMost': 'At most {kilobytes} KB',
	'errors.profile.photoMissing': 'Choose a photo to upload',
	'errors.profile.choosePhoto': 'Choose a photo',
	'errors.profile.photoType': 'That file is not a JPEG, PNG or WebP image',
	'errors.profile.photoTypeHint': 'Upload a JPEG, PNG or WebP image',
	'errors.profile.noPhoto': 'No photo',

	// Notices, settings, demo
	'errors.notices.notFound': 'No such notice',
	'errors.notices.cannotPost': 'Your role cannot post notices here',
	'errors.notices.cannotClear': 'Only the person who posted this notice or a manager can clear it for everyone',
	'errors.settings.stale': 'Someone else changed the settings; review them and try again',
	'errors.demo.refused': 'This database holds a non-demo hospital; demo data was not added',

	// Answers that are not refusals
	'api.passwordReset.accepted': 'If an account uses that address, a link to reset its password is on its way. It works once, for {minutes} minutes.',

	// Field messages of the shared schemas; {minimum} and {maximum} come from the schema's limits.
	'auth.v.emailRequired': 'email is required',
	'auth.v.email': 'Enter an email address like name@clinic.com',
	'auth.v.passwordRequired': 'password is required',
	'auth.v.enterPassword': 'Enter your password',
	'auth.v.passwordTooLong': 'That password is too long',
	// The password policy (NIST SP 800-63B), checked on the server when a password is set.
	'auth.v.password.tooShort': 'Use at least {minimum} characters (a short sentence works well)',
	'auth.v.password.tooLong': 'Use at most {maximum} characters',
	'auth.v.password.repetitive': 'This password repeats too few characters; choose something less predictable',
	'auth.v.password.sequence': 'This password is a simple sequence; choose something less predictable',
	'auth.v.password.common': 'This password is on a list of common or leaked passwords; choose another',
	'auth.v.password.commonVariant': 'This password is a common password with a few characters added; choose another',
	'auth.v.password.fromContext': 'Do not build the password from "{word}" (your name, email or the clinic\'s name)',

	'passwords.v.currentRequired': 'Enter your current password',
	'passwords.v.newRequired': 'Enter a new password',
	'passwords.v.mismatch': 'The two passwords are not the same',

	'mfa.v.codeRequired': 'Enter the 6-digit code from your authenticator app, or a recovery code',
	'mfa.v.code': 'Enter the 6-digit code from your authenticator app, or a 10-character recovery code',

	'audit.v.action': 'action is a prefix such as auth. or auth.login',
	'audit.v.actorUserId': 'actorUserId must be a user id',
	'audit.v.from': 'from must be an ISO date-time such as 2026-11-01T00:00:00Z',
	'audit.v.to': 'to must be an ISO date-time such as 2026-11-30T00:00:00Z',

	'notices.v.messageRequired': 'message is required',
	'notices.v.messageTooShort': 'Write a notice of at least {minimum} character',
	'notices.v.messageTooLong': 'Keep the notice to {maximum} characters or fewer',
	'notices.v.expiryType': 'expiresInMinutes must be a number of minutes',
	'notices.v.expiryWhole': 'expiresInMinutes must be a whole number of minutes',
	'notices.v.expiryMin': 'expiresInMinutes must be at least {minimum}',
	'notices.v.expiryMax': 'expiresInMinutes can be at most {maximum} (one week)',

	'roles.v.nameRequired': 'name is required',
	'roles.v.nameTooShort': 'Name the role (at least {minimum} characters)',
	'roles.v.nameTooLong': 'Keep the name to {maximum} characters or fewer',
	'roles.v.descriptionTooLong': 'Keep the description to {maximum} characters or fewer',
	'roles.v.unknownPermission': 'Unknown permission',
	'roles.v.version': 'version must be the number from the role you edited',

	'settings.v.idleWhole': 'Enter a whole number of minutes',
	'settings.v.idleMin': 'At least {minimum} minutes',
	'settings.v.idleMax': 'At most {maximum} minutes (8 hours)',
	'settings.v.version': 'version must be the number from the settings you edited',

	'tokens.v.nameRequired': 'Name the token',
	'tokens.v.nameTooShort': 'Name the token (at least {minimum} characters), e.g. "Front desk tablet"',
	'tokens.v.daysWhole': 'expiresInDays must be a whole number of days',
	'tokens.v.daysMin': 'A token lasts at least {minimum} day',
	'tokens.v.daysMax': 'A token lasts at most {maximum} days',
	'tokens.v.unknownPermission': 'Unknown permission',
	'tokens.v.permissionsMin': 'Give the token at least one permission',

	'users.v.phone': 'Enter a phone number like +91 98765 43210 (10 digits are taken as an Indian number)',
	'users.v.nameRequired': 'name is required',
	'users.v.nameEmpty': 'Enter a name',
	'users.v.nameTooLong': 'Keep the name to {maximum} characters or fewer',
	'users.v.emailRequired': 'email is required',
	'users.v.email': 'Enter an email address like name@clinic.com',
	'users.v.chooseRole': 'Choose a role',
	'users.v.chooseBranch': 'Choose a branch',
	'users.v.rolesMin': 'Give the new user at least one role',
	'users.v.version': 'version must be the number from the record you edited',
	'users.v.roleId': 'roleId must be a role id',
	'users.v.branchId': 'branchId must be a branch id',
	'users.v.status': 'status is one of {values}',
	'users.v.sort': 'sort is one of {values}'
} as const;
