import type { shell as en } from '../en/shell.ts';

export const shell: Record<keyof typeof en, string> = {
	'shell.nav.label': 'मुख्य मेनू',
	'shell.nav.dashboard': 'डैशबोर्ड',
	'shell.nav.staff': 'स्टाफ़',
	'shell.nav.roles': 'भूमिकाएँ',
	'shell.nav.activity': 'गतिविधि',
	'shell.nav.audit': 'ऑडिट',
	'shell.nav.settings': 'सेटिंग्स',
	'shell.nav.account': 'खाता',
	'shell.signOut': 'साइन आउट',
	'shell.signedInAs': '{name} के रूप में साइन इन',
	'shell.branch.switch': 'शाखा: {name}। शाखा बदलें',

	'shell.connection.connecting': 'जुड़ रहा है',
	'shell.connection.connecting.hint': 'लाइव अपडेट से जुड़ रहा है',
	'shell.connection.live': 'लाइव',
	'shell.connection.live.hint': 'दूसरे डेस्क के बदलाव तुरंत दिखते हैं',
	'shell.connection.reconnecting': 'फिर से जुड़ रहा है',
	'shell.connection.reconnecting.hint': 'कनेक्शन टूट गया; फिर से कोशिश हो रही है। जुड़ते ही स्क्रीन ताज़ा हो जाएगी',
	'shell.connection.offline': 'ऑफ़लाइन',
	'shell.connection.offline.hint': 'यह डिवाइस ऑफ़लाइन है; हो सकता है जो दिख रहा है वह पुराना हो',
	'shell.connection.signedOut': 'साइन आउट',
	'shell.connection.signedOut.hint': 'आपका सेशन ख़त्म हो गया है; फिर से साइन इन करें',

	'shell.theme.system': 'थीम: सिस्टम',
	'shell.theme.light': 'थीम: हल्की',
	'shell.theme.dark': 'थीम: गहरी',
	'shell.theme.change': '{theme}। थीम बदलें',

	'shell.notices.label': 'शाखा की सूचनाएँ',
	'shell.notices.dismiss': 'हटाएँ',
	'shell.notices.dismissFor': 'मेरे लिए हटाएँ: {message}',
	'shell.notices.fewer': 'कम दिखाएँ',
	'shell.notices.more': '{count} और सूचनाएँ',
	'shell.notices.more#one': '{count} और सूचना',
	'shell.notices.more#other': '{count} और सूचनाएँ',
	'shell.toast.title': 'नई सूचना',
	'shell.toast.close': 'सूचना बंद करें',

	'shell.error.notFound': 'हमें वह पेज नहीं मिला',
	'shell.error.home': 'अपने डैशबोर्ड पर जाएँ',

	'shell.devMail.title': 'डेमो मेल',
	'shell.devMail.heading': 'डेमो मेलबॉक्स',
	'shell.devMail.intro': 'यह एक डेमो डेटाबेस है, इसलिए मेल भेजी नहीं जाती, यहीं रखी जाती है। सबसे नई सबसे ऊपर।',
	'shell.devMail.meta': '{sentAt} · {to} को',
	'shell.devMail.empty': 'अभी कोई मेल नहीं है।'
};
