import type { mail as en } from '../en/mail.ts';

export const mail: Record<keyof typeof en, string> = {
	'mail.urgentNotice.subject': '{branch} में ज़रूरी सूचना',
	'mail.urgentNotice.body': '{poster} ने {branch} में एक ज़रूरी सूचना डाली है:\n\n{message}\n\nआपको ये ईमेल इसलिए मिल रहे हैं क्योंकि आपने अपने SkinSpire खाते में ईमेल अलर्ट चुने हैं; आप उन्हें वहीं बंद कर सकते हैं।'
};
