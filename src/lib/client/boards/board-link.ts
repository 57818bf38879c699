import { io, type Socket } from 'socket.io-client';
import type { BoardState } from '../../shared/boards/board.schema.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/events.ts';
import type { BoardCall } from './announcement.ts';
import type { BoardScreen } from './board-screen.svelte.ts';

type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The safety net under the live events: whatever was missed, the board is right again within this. */
export const REFETCH_MS = 30_000;
/** After the server itself closed the connection (a restart, a deploy), try again this soon. */
const RECONNECT_AFTER_MS = 1000;

export interface BoardLinkHooks {
	/** The server no longer knows the device token (revoked, or another database): pair again. */
	onUnpaired(): void;
	/** Someone was just called: chime and speak. */
	onCall(call: BoardCall, state: BoardState): void;
}

/**
 * Keep a TV's board current with nobody touching it: its own socket (the TV has no session, so
 * not the app's shared one), authenticated with the device token; a refetch on every (re)connect
 * and every 30 s; a reconnect of our own where Socket.IO gives up by design (the server closed
 * us, or its middleware refused for a passing reason). Answers a function that stops it all.
 */
export function startBoardLink(token: string, screen: BoardScreen, hooks: BoardLinkHooks): () => void {
	let stopped = false;
	let retry: ReturnType<typeof setTimeout> | undefined;
	const socket: BoardSocket = io({ path: '/socket.io', auth: { boardToken: token }, forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 3000 });

	function unpaired() {
		if (stopped) return;
		stop();
		hooks.onUnpaired();
	}

	async function refetch() {
		const ticket = screen.beginFetch();
		try {
			const res = await fetch('/api/v1/board', { headers: { 'x-board-token': token }, cache: 'no-store' });
			if (stopped) return;
			if (res.status === 401) return unpaired();
			if (res.ok) screen.applySnapshot((await res.json()) as BoardState, ticket);
		} catch {
			// Offline or the server restarting: the socket's reconnect and the timer try again.
		}
	}

	function reconnectSoon() {
		clearTimeout(retry);
		retry = setTimeout(() => {
			if (!stopped && !socket.connected) socket.connect();
		}, RECONNECT_AFTER_MS);
	}

	socket.on('connect', () => {
		screen.status = 'live';
		void refetch();
	});
	socket.on('disconnect', (reason) => {
		if (stopped) return;
		screen.status = 'reconnecting';
		// The server ended the connection on purpose: the device was revoked (the refetch finds
		// out), or the server is shutting down for a restart (we come back once it is up).
		if (reason === 'io server disconnect') {
			void refetch();
			reconnectSoon();
		}
	});
	socket.on('connect_error', (err) => {
		if (err.message === 'UNAUTHENTICATED') return unpaired();
		screen.status = 'reconnecting';
		// Socket.IO retries a lost connection itself, but not a refusal by the server's middleware.
		if (!socket.active) reconnectSoon();
	});
	socket.on('board.updated', (event) => {
		const call = screen.applyEvent(event);
		if (call) hooks.onCall(call, event.state);
	});

	const timer = setInterval(() => void refetch(), REFETCH_MS);
	const onOnline = () => {
		void refetch();
		if (!socket.connected) socket.connect();
	};
	window.addEventListener('online', onOnline);
	void refetch();

	function stop() {
		stopped = true;
		clearInterval(timer);
		clearTimeout(retry);
		window.removeEventListener('online', onOnline);
		socket.disconnect();
	}
	return stop;
}
