import type { NotificationDto } from '../../shared/notifications/notification.schema.ts';
import type { AppSocket } from '../realtime/socket.ts';

/** At most this many stay in the list on screen (the server keeps the rest). */
const KEPT = 50;
const TOAST_MS = 8000;

/**
 * The signed-in person's notifications on this screen: the latest ones and the unread count,
 * kept live from their own socket room. A notification that arrives twice (a replayed event, or
 * one already in a refetched list) is applied once; reads made in another tab clear here too.
 */
export class NotificationTray {
	items = $state<NotificationDto[]>([]);
	unread = $state(0);
	/** New arrivals to pop up, when the person wants pop-ups. */
	toasts = $state<NotificationDto[]>([]);
	/** Whether new ones pop up (the "pop up notices" preference); the bell counts them either way. */
	showToasts = true;
	#detach: (() => void) | undefined;

	constructor(initial: { items: NotificationDto[]; unread: number }) {
		this.replace(initial);
	}

	replace(fresh: { items: NotificationDto[]; unread: number }) {
		this.items = fresh.items;
		this.unread = fresh.unread;
	}

	connect(socket: AppSocket) {
		const created = (e: { notification: NotificationDto }) => {
			if (this.add(e.notification) && this.showToasts) this.toast(e.notification);
		};
		const read = (e: { ids: string[]; readAt: string }) => this.applyRead(e.ids, e.readAt);
		socket.on('notification.created', created);
		socket.on('notification.read', read);
		this.#detach = () => {
			socket.off('notification.created', created);
			socket.off('notification.read', read);
		};
	}

	/** Add a new notification; false when this screen already has it. */
	add(n: NotificationDto): boolean {
		if (this.items.some((i) => i.id === n.id)) return false;
		this.items = [n, ...this.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, KEPT);
		if (!n.readAt) this.unread += 1;
		return true;
	}

	/**
	 * Mark read here what was marked read (here or in another tab). The server names only ids it
	 * changed, so each one still unread here, or not in the visible list, was unread until now.
	 */
	applyRead(ids: string[] | 'all', readAt: string) {
		const marked = ids === 'all' ? this.items.filter((i) => !i.readAt).map((i) => i.id) : ids;
		const newlyRead = marked.filter((id) => !this.items.find((i) => i.id === id)?.readAt).length;
		this.items = this.items.map((i) => (!i.readAt && marked.includes(i.id) ? { ...i, readAt } : i));
		this.unread = ids === 'all' ? 0 : Math.max(0, this.unread - newlyRead);
		this.toasts = this.toasts.filter((t) => !marked.includes(t.id));
	}

	/** Mark read on the server (`ids`, or all), then show what it answers. */
	async markRead(ids?: string[]): Promise<void> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp string, not state
		this.applyRead(ids ?? 'all', new Date().toISOString());
		const res = await fetch('/api/v1/me/notifications/read', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(ids ? { ids } : {})
		});
		if (res.ok) this.replace(await res.json());
	}

	/** Fetch the list again (after a reconnect that could not replay what was missed). */
	async refresh(): Promise<void> {
		const res = await fetch('/api/v1/me/notifications');
		if (res.ok) this.replace(await res.json());
	}

	toast(n: NotificationDto) {
		this.toasts = [...this.toasts, n];
		setTimeout(() => this.closeToast(n.id), TOAST_MS);
	}

	closeToast(id: string) {
		this.toasts = this.toasts.filter((t) => t.id !== id);
	}

	destroy() {
		this.#detach?.();
	}
}
