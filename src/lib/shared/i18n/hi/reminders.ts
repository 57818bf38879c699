import type { reminders as en } from '../en/reminders.ts';

export const reminders: Record<keyof typeof en, string> = {
	'reminders.mail.subject': 'याद दिलाना: {date} को {branch} में आपका अपॉइंटमेंट',
	'reminders.mail.body': 'नमस्ते {name},\n\nआपके अपॉइंटमेंट की याद दिला रहे हैं:\n\n{practitioner} के साथ {service}\n{date}, {time}\n{where}',
	'reminders.mail.reschedule': 'अगर आप नहीं आ पाएँगे, तो कृपया क्लिनिक को बताएँ, ताकि यह समय किसी और को मिल सके।',
	'reminders.mail.reschedule.phone': 'अगर आप नहीं आ पाएँगे, तो कृपया हमें {phone} पर फ़ोन करें, ताकि यह समय किसी और को मिल सके।',
	'reminders.mail.signature': 'जल्द मिलते हैं,\n{hospital}',
	'reminders.sms': '{hospital}: याद दिलाना — {date} को {time} बजे {branch} में {practitioner} के साथ आपका {service}।',
	'reminders.sms.phone': '{hospital}: याद दिलाना — {date} को {time} बजे {branch} में {practitioner} के साथ आपका {service}। नहीं आ पाएँगे? {phone} पर फ़ोन करें।',
	'reminders.settings.lead': 'अपॉइंटमेंट की याद इतने मिनट पहले भेजें',
	'reminders.settings.lead.help': 'खाली: सर्वर का डिफ़ॉल्ट ({minutes} मिनट)। मरीज़ों को ईमेल और टेक्स्ट संदेश तभी मिलते हैं जब उन्होंने हर एक के लिए सहमति दी हो।',
	'reminders.v.leadWhole': 'मिनटों की पूरी संख्या लिखें',
	'reminders.v.leadMin': 'कम से कम {minimum} मिनट',
	'reminders.v.leadMax': 'ज़्यादा से ज़्यादा {maximum} मिनट (14 दिन)'
};
