import type { dashboard as en } from '../en/dashboard.ts';

export const dashboard: Record<keyof typeof en, string> = {
	'notices.urgent': 'ज़रूरी: ईमेल अलर्ट चुनने वाले स्टाफ़ को ईमेल भी भेजें',
	'notices.urgentBadge': 'ज़रूरी',
	'notices.v.urgent': 'urgent true या false होना चाहिए'
};
