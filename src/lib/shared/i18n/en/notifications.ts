/**
 * Personal notifications (the bell). A notification of kind `x.y` is shown as
 * `notifications.x.y` with its params; the screen's own words are under `notifications.ui.`.
 */
export const notifications = {
	'notifications.queue.checked-in': '{patient} ({token}) checked in for {waitingFor}',
	'notifications.ui.title': 'Notifications',
	'notifications.ui.open': 'Notifications',
	'notifications.ui.openUnread': 'Notifications, {count} unread',
	'notifications.ui.empty': 'Nothing new for you.',
	'notifications.ui.markAllRead': 'Mark all as read',
	'notifications.ui.unreadMark': 'Unread',
	'notifications.ui.toastTitle': 'For you',
	'notifications.ui.close': 'Close',
	'notifications.ui.unknown': 'You have a new notification',
	'notifications.v.ids': 'ids must be a list of notification ids'
};
