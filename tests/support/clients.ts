import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/shared/realtime/events.ts';
import type { MeDto } from '../../src/lib/shared/auth/auth.schema.ts';
import type { TestServer } from './server.ts';

export const DEMO_PASSWORD = 'skinspire-demo';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Session {
	cookie: string;
	me: MeDto;
	branch(code: string): { id: string; name: string; code: string };
}

/** Sign in through the API, as a browser on the server's own origin would. */
export async function login(server: Pick<TestServer, 'url'>, email: string, password = DEMO_PASSWORD): Promise<Session> {
	const res = await fetch(`${server.url}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify({ email, password })
	});
	if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
	const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
	const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).json()) as MeDto;
	return {
		cookie,
		me,
		branch(code) {
			const b = me.branches.find((x) => x.code === code);
			if (!b) throw new Error(`${email} is not in branch ${code}`);
			return b;
		}
	};
}

/** fetch against the server with a session cookie and our own Origin. */
export function api(server: Pick<TestServer, 'url'>, session?: Pick<Session, 'cookie'>) {
	return (path: string, init: RequestInit & { json?: unknown } = {}) => {
		const headers = new Headers(init.headers);
		if (session) headers.set('cookie', session.cookie);
		if (!headers.has('origin')) headers.set('origin', server.url);
		let body = init.body;
		if (init.json !== undefined) {
			headers.set('content-type', 'application/json');
			body = JSON.stringify(init.json);
		}
		return fetch(`${server.url}${path}`, { ...init, headers, body });
	};
}

/** A real socket.io client, connected (or rejected) like a browser tab of that session. */
export function connectSocket(
	server: Pick<TestServer, 'url'>,
	session: Pick<Session, 'cookie'> | null,
	options: { origin?: string } = {}
): Promise<TestSocket> {
	const headers: Record<string, string> = { origin: options.origin ?? server.url };
	if (session) headers.cookie = session.cookie;
	const socket: TestSocket = io(server.url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.close();
			reject(new Error('socket did not connect within 5 s'));
		}, 5000);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			socket.close();
			reject(err);
		});
	});
}

/** Everything a socket receives of one event, from now on. */
export function record<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
	const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
	socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload)) as never);
	return seen;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
