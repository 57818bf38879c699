import type { auth as en } from '../en/auth.ts';

export const auth: Record<keyof typeof en, string> = {
	'auth.email': 'ईमेल',
	'auth.password': 'पासवर्ड',
	'auth.signIn': 'साइन इन करें',
	'auth.signOut': 'साइन आउट करें',
	'auth.continue': 'आगे बढ़ें',
	'auth.backToSignIn': 'साइन इन पर वापस जाएँ',

	'auth.login.title': 'साइन इन',
	'auth.login.tagline': 'अपने क्लिनिक में साइन इन करें',
	'auth.login.submitting': 'साइन इन हो रहा है…',
	'auth.login.forgot': 'पासवर्ड भूल गए?',
	'auth.login.demo.title': 'डेमो साइन-इन',
	'auth.login.demo.intro': 'यह एक डेमो डेटाबेस है। हर डेमो उपयोगकर्ता का पासवर्ड {password} है। फ़ॉर्म भरने के लिए किसी एक को चुनें।',

	'auth.mfa.title': 'दूसरा चरण',
	'auth.mfa.heading': 'बस एक चरण और',
	'auth.mfa.headingNamed': 'बस एक चरण और, {name}',
	'auth.mfa.intro': 'अपने ऑथेंटिकेटर ऐप से 6 अंकों का कोड डालें। फ़ोन खो गया? उसकी जगह अपने किसी रिकवरी कोड का इस्तेमाल करें।',
	'auth.mfa.signInAgain': 'फिर से साइन इन करें',
	'auth.mfa.code': 'कोड',
	'auth.mfa.checking': 'जाँच हो रही है…',
	'auth.mfa.cancel': 'रद्द करें और साइन आउट करें',

	'auth.setup.title': 'दो-चरणीय साइन-इन',
	'auth.setup.mustEnrol': 'आपकी भूमिका के लिए दूसरा सत्यापन ज़रूरी है। आगे बढ़ने के लिए ऑथेंटिकेटर ऐप सेट अप करें।',
	'auth.setup.done': 'हो गया: साइन इन करते समय आपसे आपके ऐप का कोड माँगा जाएगा। ये रिकवरी कोड किसी सुरक्षित जगह रखें; फ़ोन खो जाने पर हर कोड एक बार काम करता है। ये सिर्फ़ अभी दिखाए जा रहे हैं।',
	'auth.setup.saved': 'मैंने इन्हें सँभाल लिया है, आगे बढ़ें',
	'auth.setup.enrolled': 'आपके खाते के लिए ऑथेंटिकेटर ऐप सेट है। {count} रिकवरी कोड बाकी हैं।',
	'auth.setup.step1': 'कोई ऑथेंटिकेटर ऐप (Google Authenticator, Microsoft Authenticator, 1Password…) खोलें और यह कोड स्कैन करें।',
	'auth.setup.step2': 'फिर ऐप में दिख रहा 6 अंकों का कोड डालें।',
	'auth.setup.cannotScan': 'स्कैन नहीं हो रहा? यह कुंजी टाइप करें: {key}',
	'auth.setup.code': 'ऐप में दिख रहा कोड',
	'auth.setup.turnOn': 'दो-चरणीय साइन-इन चालू करें',
	'auth.setup.confirmIntro': 'पहले अपने पासवर्ड से पुष्टि करें कि यह आप ही हैं, फिर अपने ऑथेंटिकेटर ऐप से कोड स्कैन करें।',

	'auth.forgot.title': 'पासवर्ड भूल गए',
	'auth.forgot.heading': 'अपना पासवर्ड रीसेट करें',
	'auth.forgot.sent': 'अगर {email} से कोई खाता जुड़ा है, तो उसका पासवर्ड रीसेट करने का लिंक भेजा जा रहा है। यह लिंक 30 मिनट तक, केवल एक बार काम करेगा।',
	'auth.forgot.intro': 'वह ईमेल डालें जिससे आप साइन इन करते हैं; हम नया पासवर्ड चुनने के लिए एक लिंक भेजेंगे।',
	'auth.forgot.submit': 'लिंक भेजें',

	'auth.reset.title': 'नया पासवर्ड',
	'auth.reset.heading': 'नया पासवर्ड चुनें',
	'auth.reset.done': 'आपका पासवर्ड बदल गया है, और जिन भी डिवाइस पर साइन इन था, उन सब से साइन आउट कर दिया गया है। नए पासवर्ड से साइन इन करें।',
	'auth.reset.invalid': 'इस लिंक की समय-सीमा ख़त्म हो गई है या इसका इस्तेमाल हो चुका है। {link}।',
	'auth.reset.askNew': 'नया लिंक माँगें',
	'auth.reset.submit': 'नया पासवर्ड सहेजें',

	'auth.password.hint': 'कम से कम 12 अक्षर; छोटा-सा वाक्य याद रखना आसान और अंदाज़ा लगाना मुश्किल होता है।',
	'auth.password.new': 'नया पासवर्ड',
	'auth.password.again': 'फिर से टाइप करें',

	'auth.invite.title': 'जुड़ें',
	'auth.invite.heading': 'SkinSpire से जुड़ें',
	'auth.invite.invalid': 'इस आमंत्रण लिंक की समय-सीमा ख़त्म हो गई है या इसका इस्तेमाल हो चुका है। अपने एडमिनिस्ट्रेटर से नया लिंक भेजने को कहें।',
	'auth.invite.goToSignIn': 'साइन इन पर जाएँ',
	'auth.invite.welcome': 'स्वागत है, {name}। {hospital} में {email} के लिए पासवर्ड चुनें।',
	'auth.invite.hint': 'कम से कम 12 अक्षर; छोटा-सा वाक्य याद रखना आसान और अंदाज़ा लगाना मुश्किल होता है। कोई भी अक्षर चलेंगे।',
	'auth.invite.saving': 'सहेजा जा रहा है…',
	'auth.invite.submit': 'पासवर्ड सेट करें और साइन इन करें'
};
