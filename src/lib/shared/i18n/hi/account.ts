import type { account as en } from '../en/account.ts';

export const account: Record<keyof typeof en, string> = {
	'account.language': 'भाषा',
	'account.language.device': 'इस डिवाइस के अनुसार',
	'account.alerts': 'अलर्ट',
	'account.alerts.email': 'ज़रूरी शाखा सूचनाएँ मुझे ईमेल पर भी भेजें',
	'profile.v.theme': 'सिस्टम, हल्की या गहरी थीम चुनें',
	'profile.v.language': 'अंग्रेज़ी या हिन्दी चुनें, या डिवाइस के अनुसार रखें',
	'profile.v.versionNeeded': 'नाम या फ़ोन बदलते समय वह संस्करण भेजें जो आपने देखा था'
};
