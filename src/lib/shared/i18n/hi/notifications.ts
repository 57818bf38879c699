import type { notifications as en } from '../en/notifications.ts';

export const notifications: Record<keyof typeof en, string> = {
	'notifications.queue.checked-in': '{patient} ({token}) {waitingFor} के लिए चेक-इन हो गए',
	'notifications.ui.title': 'सूचनाएँ',
	'notifications.ui.open': 'सूचनाएँ',
	'notifications.ui.openUnread': 'सूचनाएँ, {count} बिना पढ़ी',
	'notifications.ui.empty': 'आपके लिए कुछ नया नहीं है।',
	'notifications.ui.markAllRead': 'सब पढ़ी हुई मानें',
	'notifications.ui.unreadMark': 'बिना पढ़ी',
	'notifications.ui.toastTitle': 'आपके लिए',
	'notifications.ui.close': 'बंद करें',
	'notifications.ui.unknown': 'आपके लिए एक नई सूचना है',
	'notifications.v.ids': 'ids सूचनाओं की आईडी की सूची होनी चाहिए'
};
