import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/events.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;

/** One socket per tab, created on first use in the browser only (never during server rendering). */
export function getSocket(): AppSocket {
	if (typeof window === 'undefined') throw new Error('getSocket() is for the browser');
	socket ??= io({ path: '/socket.io', withCredentials: true, reconnectionDelayMax: 5000 });
	return socket;
}

/** After sign-out the next page must not reuse a socket authenticated as someone else. */
export function closeSocket(): void {
	socket?.disconnect();
	socket = undefined;
}
