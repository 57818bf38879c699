export const account = {
	'account.language': 'Language',
	'account.language.device': 'Follow this device',
	'account.alerts': 'Alerts',
	'account.alerts.email': 'Also email me urgent branch notices',
	'profile.v.theme': 'Choose system, light or dark',
	'profile.v.language': 'Choose English or Hindi, or follow the device',
	'profile.v.versionNeeded': 'Send the version you saw when changing name or phone'
} as const;
