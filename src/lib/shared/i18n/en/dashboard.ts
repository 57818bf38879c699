export const dashboard = {
	'notices.urgent': 'Urgent: also email staff who asked for email alerts',
	'notices.urgentBadge': 'Urgent',
	'notices.v.urgent': 'urgent is true or false'
} as const;
