import { describe, expect, it } from 'vitest';
import { NotificationTray } from './notification-tray.svelte.ts';
import type { NotificationDto } from '../../shared/notifications/notification.schema.ts';

let n = 0;
function notification(over: Partial<NotificationDto> = {}): NotificationDto {
	n++;
	return {
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		branchId: null,
		kind: 'queue.checked-in',
		params: { patient: 'Ananya', token: 'C-001', waitingFor: 'Dermatology consultation' },
		link: '/ind/my-day',
		createdAt: new Date(Date.UTC(2026, 11, 3, 4, n)).toISOString(),
		readAt: null,
		...over
	};
}

describe('NotificationTray', () => {
	it('counts a new notification once, however often the event arrives, newest first', () => {
		const old = notification();
		const tray = new NotificationTray({ items: [old], unread: 1 });
		const fresh = notification();
		expect(tray.add(fresh)).toBe(true);
		expect(tray.add(fresh)).toBe(false);
		expect(tray.unread).toBe(2);
		expect(tray.items.map((i) => i.id)).toEqual([fresh.id, old.id]);
	});

	it('a read in another tab clears here, and the echo of my own read does not count twice', () => {
		const [a, b, c] = [notification(), notification(), notification()];
		// 4 unread: one of them is older than the list shows.
		const tray = new NotificationTray({ items: [c, b, a], unread: 4 });
		tray.applyRead([a.id], '2026-12-03T05:00:00+00:00');
		expect(tray.unread).toBe(3);
		tray.applyRead([a.id], '2026-12-03T05:00:00+00:00');
		expect(tray.unread).toBe(3);
		tray.applyRead(['00000000-0000-4000-8000-999999999999'], '2026-12-03T05:00:00+00:00');
		expect(tray.unread).toBe(2);
		tray.applyRead('all', '2026-12-03T05:01:00+00:00');
		expect(tray.unread).toBe(0);
		expect(tray.items.every((i) => i.readAt)).toBe(true);
	});

	it('keeps read ones out of the count when they arrive', () => {
		const tray = new NotificationTray({ items: [], unread: 0 });
		tray.add(notification({ readAt: '2026-12-03T05:00:00+00:00' }));
		expect(tray.unread).toBe(0);
	});
});
