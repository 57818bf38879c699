import type { AppSocket } from './socket.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'signed-out';

/**
 * What the connection indicator shows, and the hook pages use to refetch after a drop:
 * `onResync` runs whenever the socket comes back without Socket.IO recovering the missed events,
 * and when the server asks for it.
 */
export class ConnectionState {
	status = $state<ConnectionStatus>('connecting');
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- callbacks, not state to render
	#listeners = new Set<() => void>();
	#hadConnection = false;
	#detach: () => void;

	constructor(socket: AppSocket) {
		const onConnect = () => {
			this.status = 'live';
			if (this.#hadConnection && !socket.recovered) this.#resync();
			this.#hadConnection = true;
		};
		const onDisconnect = (reason: string) => {
			// The server closed us on purpose: the session ended (sign-out, expiry, revocation).
			if (reason === 'io server disconnect') this.status = 'signed-out';
			else this.status = navigator.onLine ? 'reconnecting' : 'offline';
		};
		const onError = (err: Error) => {
			if (err.message === 'UNAUTHENTICATED') {
				this.status = 'signed-out';
				socket.disconnect();
			} else this.status = navigator.onLine ? 'reconnecting' : 'offline';
		};
		const onOffline = () => (this.status = 'offline');
		const onOnline = () => {
			if (this.status === 'offline') this.status = 'reconnecting';
		};
		const onResync = () => this.#resync();
		socket.on('connect', onConnect);
		socket.on('disconnect', onDisconnect);
		socket.on('connect_error', onError);
		socket.on('system.resync', onResync);
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		if (socket.connected) onConnect();
		this.#detach = () => {
			socket.off('connect', onConnect);
			socket.off('disconnect', onDisconnect);
			socket.off('connect_error', onError);
			socket.off('system.resync', onResync);
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		};
	}

	onResync(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#resync() {
		for (const l of this.#listeners) l();
	}

	destroy() {
		this.#detach();
		this.#listeners.clear();
	}
}
