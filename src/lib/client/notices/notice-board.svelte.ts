import type { NoticeDto } from '../../shared/notices/notice.schema.ts';
import type { NoticeEvent } from '../../shared/realtime/events.ts';
import type { AppSocket } from '../realtime/socket.ts';

export interface Toast {
	id: string;
	text: string;
	by: string;
}

/**
 * The live notices of one branch on this screen. Events are applied by version, so a repeat or a
 * late, older event changes nothing; expired notices drop out on their own.
 */
export class NoticeBoard {
	readonly branchId: string;
	notices = $state<NoticeDto[]>([]);
	toasts = $state<Toast[]>([]);
	/** Versions of notices that have ended here (cleared), so a late "posted" cannot revive them. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only, nothing renders from it
	#ended = new Map<string, number>();
	#now = $state(Date.now());
	#timer: ReturnType<typeof setInterval> | undefined;
	#detach: (() => void) | undefined;

	active = $derived(this.notices.filter((n) => !n.clearedAt && (!n.expiresAt || Date.parse(n.expiresAt) > this.#now)));
	visible = $derived(this.active.filter((n) => !n.dismissed));

	constructor(branchId: string, initial: NoticeDto[]) {
		this.branchId = branchId;
		this.notices = initial;
	}

	/** Whether new notices pop up as toasts (a preference; the strip shows them either way). */
	showToasts = true;

	connect(socket: AppSocket, me: string) {
		const posted = (e: NoticeEvent) => {
			if (e.notice.branchId !== this.branchId) return;
			const isNew = this.apply(e.notice);
			if (isNew && e.notice.postedBy.id !== me && this.showToasts) this.toast(e.notice);
		};
		const cleared = (e: NoticeEvent) => {
			if (e.notice.branchId === this.branchId) this.apply(e.notice);
		};
		const dismissed = (e: { noticeId: string; branchId: string }) => {
			if (e.branchId === this.branchId) this.markDismissed(e.noticeId);
		};
		socket.on('notice.posted', posted);
		socket.on('notice.cleared', cleared);
		socket.on('notice.dismissed', dismissed);
		this.#timer = setInterval(() => (this.#now = Date.now()), 5000);
		this.#detach = () => {
			socket.off('notice.posted', posted);
			socket.off('notice.cleared', cleared);
			socket.off('notice.dismissed', dismissed);
			clearInterval(this.#timer);
		};
	}

	/** Apply a notice if it is newer than what this screen has; returns true when it was not here before. */
	apply(notice: NoticeDto): boolean {
		const ended = this.#ended.get(notice.id);
		if (ended !== undefined && ended >= notice.version) return false;
		const i = this.notices.findIndex((n) => n.id === notice.id);
		if (notice.clearedAt) this.#ended.set(notice.id, notice.version);
		if (i === -1) {
			if (notice.clearedAt) return false;
			this.notices = [notice, ...this.notices];
			return true;
		}
		const current = this.notices[i]!;
		if (current.version >= notice.version) return false;
		this.notices[i] = { ...notice, dismissed: current.dismissed || notice.dismissed };
		return false;
	}

	/** Replace everything with a fresh snapshot (after a reconnect). */
	replace(fresh: NoticeDto[]) {
		this.notices = fresh;
	}

	markDismissed(id: string) {
		this.notices = this.notices.map((n) => (n.id === id ? { ...n, dismissed: true } : n));
	}

	toast(notice: NoticeDto) {
		this.toasts = [...this.toasts, { id: notice.id, text: notice.message, by: notice.postedBy.name }];
		setTimeout(() => this.closeToast(notice.id), 8000);
	}

	closeToast(id: string) {
		this.toasts = this.toasts.filter((t) => t.id !== id);
	}

	destroy() {
		this.#detach?.();
	}
}
