import type { mail as en } from '../en/mail.ts';

export const mail: Record<keyof typeof en, string> = {
	'mail.urgentNotice.subject': '{branch} में ज़रूरी सूचना',
	'mail.urgentNotice.body': '{poster} ने {branch} में एक ज़रूरी सूचना डाली है:\n\n{message}\n\nआपको ये ईमेल इसलिए मिल रहे हैं क्योंकि आपने अपने SkinSpire खाते में ईमेल अलर्ट चुने हैं; आप उन्हें वहीं बंद कर सकते हैं।',
	'mail.invitation.subject': 'SkinSpire पर {hospital} से जुड़ने का निमंत्रण',
	'mail.invitation.body': 'नमस्ते {name},\n\n{inviter} ने आपको SkinSpire पर {hospital} से जुड़ने के लिए आमंत्रित किया है।\nअपना पासवर्ड यहाँ सेट करें (लिंक एक ही बार, {hours} घंटे तक काम करेगा):\n\n{link}\n\nअगर आपको इसकी उम्मीद नहीं थी, तो इस संदेश को अनदेखा कर सकते हैं।',
	'mail.passwordReset.subject': 'अपना SkinSpire पासवर्ड रीसेट करें',
	'mail.passwordReset.body': 'नमस्ते {name},\n\nकिसी ने (उम्मीद है, आपने ही) इस खाते का पासवर्ड रीसेट करने को कहा है। लिंक एक ही बार, {minutes} मिनट तक काम करेगा:\n\n{link}\n\nअगर यह आपने नहीं किया, तो इस संदेश को अनदेखा करें; आपका पासवर्ड जैसा है वैसा ही रहेगा।'
};
