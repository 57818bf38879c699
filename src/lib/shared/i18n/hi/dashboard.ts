import type { dashboard as en } from '../en/dashboard.ts';

export const dashboard: Record<keyof typeof en, string> = {
	'notices.urgent': 'ज़रूरी: ईमेल अलर्ट चुनने वाले स्टाफ़ को ईमेल भी भेजें',
	'notices.urgentBadge': 'ज़रूरी',
	'notices.v.urgent': 'urgent true या false होना चाहिए',
	'notices.onBoard': 'प्रतीक्षा कक्ष के टीवी पर भी दिखाएँ (मरीज़ इसे पढ़ सकते हैं)',
	'notices.onBoardBadge': 'प्रतीक्षा कक्ष के टीवी पर',
	'notices.v.onBoard': 'onBoard true या false होना चाहिए',

	'dashboard.intro': 'यहाँ पोस्ट की गई हर बात इस शाखा की हर स्क्रीन पर तुरंत दिखती है।',
	'notices.post.title': 'सूचना पोस्ट करें',
	'notices.post.failed': 'सूचना पोस्ट नहीं हुई',
	'notices.message': 'संदेश',
	'notices.message.placeholder': 'जैसे: डॉ. राव 20 मिनट देर से आएँगे',
	'notices.left': '{count} अक्षर बाकी',
	'notices.left#one': '{count} अक्षर बाकी',
	'notices.tooMany': '{count} अक्षर ज़्यादा',
	'notices.tooMany#one': '{count} अक्षर ज़्यादा',
	'notices.expiry': 'कितनी देर दिखाएँ',
	'notices.expiry.untilCleared': 'हटाए जाने तक',
	'notices.expiry.minutes': '{count} मिनट',
	'notices.expiry.minutes#one': '{count} मिनट',
	'notices.expiry.hours': '{count} घंटे',
	'notices.expiry.hours#one': '{count} घंटा',
	'notices.posting': 'पोस्ट हो रही है…',
	'notices.post': 'शाखा में पोस्ट करें',
	'notices.active': 'मौजूदा सूचनाएँ',
	'notices.none': 'अभी कोई सूचना नहीं है।',
	'notices.until': '{time} तक',
	'notices.dismissedForYou': 'आपके लिए हटाई गई',
	'notices.clear': 'सबके लिए हटाएँ'
};
