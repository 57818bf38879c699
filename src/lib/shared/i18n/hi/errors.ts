import type { errors as en } from '../en/errors.ts';

export const errors: Record<keyof typeof en, string> = {
	// Requests
	'errors.http.notJson': 'body को JSON के रूप में भेजें, Content-Type: application/json के साथ',
	'errors.http.jsonTooLarge': 'JSON body 1 MB से बड़ा है; एक बार में कम भेजें',
	'errors.http.badJson': 'अनुरोध का body मान्य JSON नहीं है; उद्धरण चिह्न, कॉमा और कोष्ठक जाँचें',
	'errors.http.tooManyAttempts': 'इस नेटवर्क से बहुत सारे प्रयास हुए; {seconds} सेकंड बाद फिर कोशिश करें',

	// Access
	'errors.access.badToken': 'यह API टोकन अज्ञात है, इसकी अवधि ख़त्म हो चुकी है या इसे रद्द कर दिया गया है',
	'errors.access.tokenCannot': 'API टोकन से यह नहीं हो सकता; इसके बजाय साइन इन करें',
	'errors.branches.notFound': 'ऐसी कोई शाखा नहीं है',
	'errors.activity.forbidden': 'गतिविधि डैशबोर्ड के लिए पूरे अस्पताल में audit:read अनुमति चाहिए',
	'errors.audit.verifyForbidden': 'पूरी शृंखला जाँचने के लिए पूरे अस्पताल में audit:read अनुमति चाहिए',
	'errors.audit.chainMissingRow': 'पंक्ति {expected} ग़ायब है (उसके बाद {found} मिली)',
	'errors.audit.chainLink': 'पिछली पंक्ति से इसकी कड़ी मेल नहीं खाती',
	'errors.audit.chainContent': 'इसकी सामग्री इसके हैश से मेल नहीं खाती',

	// Signing in, sessions, passwords, second factor
	'errors.auth.locked': 'बहुत बार ग़लत साइन-इन के बाद यह खाता लॉक है। {count} मिनट बाद फिर कोशिश करें, या किसी एडमिन से इसे अनलॉक करवाएँ।',
	'errors.auth.locked#one': 'बहुत बार ग़लत साइन-इन के बाद यह खाता लॉक है। {count} मिनट बाद फिर कोशिश करें, या किसी एडमिन से इसे अनलॉक करवाएँ।',
	'errors.sessions.notFound': 'ऐसा कोई सत्र नहीं है',
	'errors.passwords.currentWrong': 'आपका मौजूदा पासवर्ड सही नहीं है',
	'errors.passwords.sameAsCurrent': 'मौजूदा पासवर्ड से अलग पासवर्ड चुनें',
	'errors.passwords.chooseDifferent': 'कोई दूसरा पासवर्ड चुनें',
	'errors.passwords.resetLinkInvalid': 'यह रीसेट लिंक पुराना हो गया है या पहले ही इस्तेमाल हो चुका है; नया लिंक मँगवाएँ',
	'errors.mfa.passwordWrong': 'यह पासवर्ड सही नहीं है',
	'errors.mfa.alreadySetUp': 'ऑथेंटिकेटर पहले से सेट है; दूसरा सेट करने के लिए पहले इसे बंद करें',
	'errors.mfa.startFirst': 'पहले ऑथेंटिकेटर सेट करना शुरू करें',
	'errors.mfa.setUpFirst': 'पहले ऑथेंटिकेटर सेट करें',
	'errors.mfa.codeWrong': 'यह कोड सही नहीं है',
	'errors.mfa.codeWrongCheckTime': 'यह कोड सही नहीं है; अपने फ़ोन का समय जाँचें और अगला कोड डालें',
	'errors.mfa.codeWrongTryRecovery': 'यह कोड सही नहीं है; अभी का कोड या कोई रिकवरी कोड डालें',
	'errors.mfa.requiredByRole': 'आपकी एक भूमिका के लिए दूसरा चरण ज़रूरी है, इसलिए इसे बंद नहीं किया जा सकता',
	'errors.mfa.signInEnded': 'यह साइन-इन समाप्त हो गया है; फिर से साइन इन करें',
	'errors.mfa.tooManyCodes': 'बहुत बार ग़लत कोड डाला गया; फिर से साइन इन करें',

	// API tokens
	'errors.tokens.sessionOnly': 'टोकन साइन-इन किए हुए सत्र से ही संभाले जाते हैं, किसी दूसरे टोकन से नहीं',
	'errors.tokens.beyondOwn': 'टोकन में केवल वही अनुमतियाँ हो सकती हैं जो आपके पास हैं; ये नहीं: {permissions}',
	'errors.tokens.onlyOwn': 'केवल आपकी अपनी अनुमतियाँ',
	'errors.tokens.notFound': 'ऐसा कोई टोकन नहीं है',

	// Staff
	'errors.users.notFound': 'ऐसा कोई उपयोगकर्ता नहीं है',
	'errors.users.personNotFound': 'ऐसा कोई व्यक्ति नहीं है',
	'errors.users.roleMissing': 'यह भूमिका मौजूद नहीं है',
	'errors.users.chooseHospitalRole': 'इस अस्पताल की भूमिकाओं में से एक चुनें',
	'errors.users.branchMissing': 'यह शाखा मौजूद नहीं है',
	'errors.users.chooseHospitalBranch': 'इस अस्पताल की शाखाओं में से एक चुनें',
	'errors.users.branchForbidden': 'आप उस शाखा के स्टाफ़ को नहीं संभाल सकते',
	'errors.users.hospitalWideOnly': 'पूरे अस्पताल की भूमिकाएँ केवल पूरे अस्पताल का एडमिन ही दे सकता है',
	'errors.users.grantBeyondOwn': 'आप ऐसी भूमिका नहीं दे सकते जिसकी अनुमतियाँ वहाँ आपके पास ख़ुद नहीं हैं: {permissions}',
	'errors.users.emailTaken': 'इस ईमेल से एक खाता पहले से मौजूद है',
	'errors.users.alreadyJoined': 'यह व्यक्ति पहले ही जुड़ चुका है',
	'errors.users.stale': 'इस बीच किसी और ने इस व्यक्ति की जानकारी बदल दी है; उनका बदलाव देखें और फिर कोशिश करें',
	'errors.users.selfDeactivate': 'आप अपना ही खाता निष्क्रिय नहीं कर सकते',
	'errors.users.assignmentNotFound': 'ऐसी कोई भूमिका-नियुक्ति नहीं है',
	'errors.users.lastAdmin': 'कम से कम एक सक्रिय Hospital admin बना रहना चाहिए',
	'errors.users.invitationInvalid': 'यह निमंत्रण लिंक पुराना हो गया है या पहले ही इस्तेमाल हो चुका है; अपने एडमिन से नया लिंक माँगें',

	// Roles
	'errors.roles.manageForbidden': 'भूमिकाएँ संभालने के लिए पूरे अस्पताल में roles:manage अनुमति चाहिए',
	'errors.roles.notFound': 'ऐसी कोई भूमिका नहीं है',
	'errors.roles.nameTaken': 'इस नाम की भूमिका पहले से मौजूद है',
	'errors.roles.stale': 'इस बीच किसी और ने यह भूमिका बदल दी है; उनका बदलाव देखें और फिर कोशिश करें',
	'errors.roles.systemFixed': 'सिस्टम भूमिकाओं का नाम और अनुमतियाँ नहीं बदलतीं; अपना संस्करण बनाने के लिए भूमिका की कॉपी बनाएँ',
	'errors.roles.systemUndeletable': 'सिस्टम भूमिकाएँ हटाई नहीं जा सकतीं',
	'errors.roles.inUse': 'यह भूमिका {count} लोगों के पास है; पहले उनसे यह भूमिका हटाएँ',
	'errors.roles.inUse#one': 'यह भूमिका {count} व्यक्ति के पास है; पहले उनसे यह भूमिका हटाएँ',

	// Profile and photo
	'errors.profile.stale': 'इस बीच आपकी जानकारी कहीं और से बदली गई है; उसे देखें और फिर कोशिश करें',
	'errors.profile.photoTooLarge': 'फ़ोटो {kilobytes} KB से बड़ी है; कोई छोटी फ़ोटो चुनें',
	'errors.profile.photoAtMost': 'अधिकतम {kilobytes} KB',
	'errors.profile.photoMissing': 'अपलोड करने के लिए एक फ़ोटो चुनें',
	'errors.profile.choosePhoto': 'एक फ़ोटो चुनें',
	'errors.profile.photoType': 'यह फ़ाइल JPEG, PNG या WebP इमेज नहीं है',
	'errors.profile.photoTypeHint': 'JPEG, PNG या WebP इमेज अपलोड करें',
	'errors.profile.noPhoto': 'कोई फ़ोटो नहीं है',

	// Notices, settings, demo
	'errors.notices.notFound': 'ऐसी कोई सूचना नहीं है',
	'errors.notices.cannotPost': 'आपकी भूमिका से यहाँ सूचना नहीं डाली जा सकती',
	'errors.notices.cannotClear': 'यह सूचना सबके लिए केवल वही व्यक्ति हटा सकता है जिसने इसे डाला, या कोई मैनेजर',
	'errors.settings.stale': 'किसी और ने सेटिंग बदल दी है; उन्हें देखें और फिर कोशिश करें',
	'errors.demo.refused': 'इस डेटाबेस में एक असली (डेमो के अलावा) अस्पताल है; डेमो डेटा नहीं जोड़ा गया',

	// Answers that are not refusals
	'api.passwordReset.accepted': 'अगर कोई खाता इस पते का इस्तेमाल करता है, तो उसका पासवर्ड रीसेट करने का लिंक भेजा जा रहा है। यह एक ही बार, {minutes} मिनट तक काम करेगा।',

	// Field messages of the shared schemas
	'auth.v.emailRequired': 'email ज़रूरी है',
	'auth.v.email': 'name@clinic.com जैसा ईमेल पता डालें',
	'auth.v.passwordRequired': 'password ज़रूरी है',
	'auth.v.enterPassword': 'अपना पासवर्ड डालें',
	'auth.v.passwordTooLong': 'यह पासवर्ड बहुत लंबा है',
	'auth.v.password.tooShort': 'कम से कम {minimum} अक्षर लिखें (एक छोटा वाक्य अच्छा रहता है)',
	'auth.v.password.tooLong': 'अधिकतम {maximum} अक्षर लिखें',
	'auth.v.password.repetitive': 'इस पासवर्ड में बहुत कम अलग-अलग अक्षर हैं; कुछ ऐसा चुनें जिसका अंदाज़ा लगाना कठिन हो',
	'auth.v.password.sequence': 'यह पासवर्ड एक सीधा क्रम है; कुछ ऐसा चुनें जिसका अंदाज़ा लगाना कठिन हो',
	'auth.v.password.common': 'यह पासवर्ड आम या लीक हुए पासवर्ड की सूची में है; कोई दूसरा चुनें',
	'auth.v.password.commonVariant': 'यह एक आम पासवर्ड है जिसमें कुछ अक्षर जोड़े गए हैं; कोई दूसरा चुनें',
	'auth.v.password.fromContext': 'पासवर्ड "{word}" से न बनाएँ (आपका नाम, ईमेल या क्लिनिक का नाम)',

	'passwords.v.currentRequired': 'अपना मौजूदा पासवर्ड डालें',
	'passwords.v.newRequired': 'नया पासवर्ड डालें',
	'passwords.v.mismatch': 'दोनों पासवर्ड एक जैसे नहीं हैं',

	'mfa.v.codeRequired': 'अपने ऑथेंटिकेटर ऐप का 6 अंकों वाला कोड या कोई रिकवरी कोड डालें',
	'mfa.v.code': 'अपने ऑथेंटिकेटर ऐप का 6 अंकों वाला कोड या 10 अक्षरों वाला रिकवरी कोड डालें',

	'audit.v.action': 'action एक शुरुआती हिस्सा है, जैसे auth. या auth.login',
	'audit.v.actorUserId': 'actorUserId एक उपयोगकर्ता id होना चाहिए',
	'audit.v.from': 'from एक ISO तारीख़-समय होना चाहिए, जैसे 2026-11-01T00:00:00Z',
	'audit.v.to': 'to एक ISO तारीख़-समय होना चाहिए, जैसे 2026-11-30T00:00:00Z',

	'notices.v.messageRequired': 'message ज़रूरी है',
	'notices.v.messageTooShort': 'सूचना में कम से कम {minimum} अक्षर लिखें',
	'notices.v.messageTooLong': 'सूचना {maximum} अक्षरों या उससे कम में रखें',
	'notices.v.expiryType': 'expiresInMinutes मिनटों की संख्या होनी चाहिए',
	'notices.v.expiryWhole': 'expiresInMinutes मिनटों की पूर्ण संख्या होनी चाहिए',
	'notices.v.expiryMin': 'expiresInMinutes कम से कम {minimum} होना चाहिए',
	'notices.v.expiryMax': 'expiresInMinutes अधिकतम {maximum} (एक हफ़्ता) हो सकता है',

	'roles.v.nameRequired': 'name ज़रूरी है',
	'roles.v.nameTooShort': 'भूमिका का नाम दें (कम से कम {minimum} अक्षर)',
	'roles.v.nameTooLong': 'नाम {maximum} अक्षरों या उससे कम में रखें',
	'roles.v.descriptionTooLong': 'विवरण {maximum} अक्षरों या उससे कम में रखें',
	'roles.v.unknownPermission': 'अज्ञात अनुमति',
	'roles.v.version': 'version वही संख्या होनी चाहिए जो आपके द्वारा बदली गई भूमिका में थी',

	'settings.v.idleWhole': 'मिनटों की पूर्ण संख्या डालें',
	'settings.v.idleMin': 'कम से कम {minimum} मिनट',
	'settings.v.idleMax': 'अधिकतम {maximum} मिनट (8 घंटे)',
	'settings.v.version': 'version वही संख्या होनी चाहिए जो आपके द्वारा बदली गई सेटिंग में थी',

	'tokens.v.nameRequired': 'टोकन का नाम दें',
	'tokens.v.nameTooShort': 'टोकन का नाम दें (कम से कम {minimum} अक्षर), जैसे "Front desk tablet"',
	'tokens.v.daysWhole': 'expiresInDays दिनों की पूर्ण संख्या होनी चाहिए',
	'tokens.v.daysMin': 'टोकन कम से कम {minimum} दिन चलता है',
	'tokens.v.daysMax': 'टोकन अधिकतम {maximum} दिन चलता है',
	'tokens.v.unknownPermission': 'अज्ञात अनुमति',
	'tokens.v.permissionsMin': 'टोकन को कम से कम एक अनुमति दें',

	'users.v.phone': '+91 98765 43210 जैसा फ़ोन नंबर डालें (10 अंकों को भारतीय नंबर माना जाता है)',
	'users.v.nameRequired': 'name ज़रूरी है',
	'users.v.nameEmpty': 'नाम डालें',
	'users.v.nameTooLong': 'नाम {maximum} अक्षरों या उससे कम में रखें',
	'users.v.emailRequired': 'email ज़रूरी है',
	'users.v.email': 'name@clinic.com जैसा ईमेल पता डालें',
	'users.v.chooseRole': 'एक भूमिका चुनें',
	'users.v.chooseBranch': 'एक शाखा चुनें',
	'users.v.rolesMin': 'नए उपयोगकर्ता को कम से कम एक भूमिका दें',
	'users.v.version': 'version वही संख्या होनी चाहिए जो आपके द्वारा बदले गए रिकॉर्ड में थी',
	'users.v.roleId': 'roleId एक भूमिका id होना चाहिए',
	'users.v.branchId': 'branchId एक शाखा id होना चाहिए',
	'users.v.status': 'status इनमें से एक है: {values}',
	'users.v.sort': 'sort इनमें से एक है: {values}'
};
