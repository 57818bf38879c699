/** The app shell (header, navigation, branch and theme switches, live-connection status), notices, the error page and the demo mailbox. */
export const shell = {
	'shell.nav.label': 'Main',
	'shell.nav.dashboard': 'Dashboard',
	'shell.nav.staff': 'Staff',
	'shell.nav.roles': 'Roles',
	'shell.nav.activity': 'Activity',
	'shell.nav.audit': 'Audit',
	'shell.nav.settings': 'Settings',
	'shell.nav.account': 'Account',
	'shell.signOut': 'Sign out',
	'shell.signedInAs': 'Signed in as {name}',
	'shell.branch.switch': 'Branch: {name}. Switch branch',

	'shell.connection.connecting': 'Connecting',
	'shell.connection.connecting.hint': 'Connecting to live updates',
	'shell.connection.live': 'Live',
	'shell.connection.live.hint': 'Changes from other desks appear at once',
	'shell.connection.reconnecting': 'Reconnecting',
	'shell.connection.reconnecting.hint': 'Connection lost; retrying. The screen refreshes when it is back',
	'shell.connection.offline': 'Offline',
	'shell.connection.offline.hint': 'This device is offline; what you see may be out of date',
	'shell.connection.signedOut': 'Signed out',
	'shell.connection.signedOut.hint': 'Your session has ended; sign in again',

	'shell.theme.system': 'Theme: system',
	'shell.theme.light': 'Theme: light',
	'shell.theme.dark': 'Theme: dark',
	'shell.theme.change': '{theme}. Change theme',

	'shell.notices.label': 'Branch notices',
	'shell.notices.dismiss': 'Dismiss',
	'shell.notices.dismissFor': 'Dismiss for me: {message}',
	'shell.notices.fewer': 'Show fewer',
	'shell.notices.more': '{count} more notices',
	'shell.notices.more#one': '{count} more notice',
	'shell.notices.more#other': '{count} more notices',
	'shell.toast.title': 'New notice',
	'shell.toast.close': 'Close notification',

	'shell.error.notFound': 'We could not find that page',
	'shell.error.home': 'Go to your dashboard',

	'shell.devMail.title': 'Demo mail',
	'shell.devMail.heading': 'Demo mailbox',
	'shell.devMail.intro': 'This is a demo database, so mail is kept here instead of being sent. Newest first.',
	'shell.devMail.meta': '{sentAt} · to {to}',
	'shell.devMail.empty': 'No mail yet.'
} as const;
