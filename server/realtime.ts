import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { parseCookie } from 'cookie';
import type {
	BroadcastEvent,
	ClientToServerEvents,
	InterServerEvents,
	PatientViewer,
	ServerToClientEvents,
	SocketData
} from '../src/lib/shared/realtime/events.ts';
import { rooms } from '../src/lib/shared/realtime/events.ts';
import type { Ack } from '../src/lib/shared/errors/error-codes.ts';
import type { Runtime } from '../src/lib/server/runtime/runtime.ts';
import { sessionCookieName } from '../src/lib/server/auth/session-token.ts';
import { CONTROL } from '../src/lib/server/realtime/outbox.ts';
import { toAck } from '../src/lib/server/errors/error-mapping.ts';
import { allowedOrigins } from '../src/lib/server/http/origin.ts';
import { SOCKET_COMMAND_ACCESS } from '../src/lib/server/access/route-access.ts';
import { checkAccess } from '../src/lib/server/access/check-access.ts';
import { LANGUAGE_COOKIE, requestLocale } from '../src/lib/server/http/locale.ts';
import { can, type Actor } from '../src/lib/shared/access/actor.ts';

type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const WATCHDOG_MS = 1000;
/** How long presence waits for every node before announcing what this node knows. */
const PRESENCE_PATIENCE_MS = 750;

/**
 * Socket.IO on the given HTTP server: origin check on every handshake (the `cors` option does not
 * guard the WebSocket upgrade), session authentication, server-chosen rooms, and the one
 * publisher that turns committed outbox rows into emits.
 */
export function attachRealtime(httpServer: HttpServer, runtime: Runtime) {
	const { config, logger, metrics, services } = runtime;
	const log = logger.child({ component: 'realtime' });
	const origins = allowedOrigins(config.origin);
	const cookieName = sessionCookieName(config.secureCookies);
	// The token stays in this process's memory: socket.data can be persisted by the adapter.
	const tokens = new WeakMap<AppSocket, string>();
	const adapterClient = runtime.redis?.duplicate();
	adapterClient?.on('error', () => undefined); // the runtime's client already logs Redis trouble

	const io: AppServer = new Server(httpServer, {
		path: '/socket.io',
		serveClient: false,
		allowRequest: (req, callback) => {
			// Browsers send Origin on every WebSocket upgrade and every cross-origin request; the
			// long-polling fallback's same-origin GETs carry none, and say so in Sec-Fetch-Site.
			const origin = req.headers.origin;
			const sameOriginWithoutHeader = !origin && (req.headers['sec-fetch-site'] ?? 'same-origin') === 'same-origin';
			if ((origin && origins.has(origin)) || sameOriginWithoutHeader) return callback(null, true);
			callback('origin not allowed', false);
		},
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
		...(adapterClient ? { adapter: createAdapter(adapterClient, { streamName: `${config.redisKeyPrefix}:socket.io`, channelPrefix: `${config.redisKeyPrefix}:socket.io`, sessionKeyPrefix: `${config.redisKeyPrefix}:sio:session:` }) } : {})
	});

	io.use(async (socket, next) => {
		try {
			// A waiting-room TV brings its device token: it may watch its branch's board, nothing else.
			if (typeof socket.handshake.auth?.boardToken === 'string') {
				const board = await services.boards.validate(socket.handshake.auth.boardToken);
				if (!board) return next(new Error('UNAUTHENTICATED'));
				socket.data = { userId: '', sessionId: `board:${board.deviceId}`, hospitalId: board.hospitalId, branchIds: [], scheduleBranchIds: [], seesActivity: false, userName: '', board: { deviceId: board.deviceId, branchId: board.branchId } };
				return next();
			}
			// A browser brings its session cookie; an app or integration its API token in `auth`.
			const bearer = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
			const token = bearer ?? parseCookie(socket.handshake.headers.cookie ?? '')[cookieName];
			const actor = bearer ? await services.tokens.validate(bearer) : token ? (await services.sessions.validate(token))?.actor : null;
			// Live updates are for full sessions only, not ones still owing or setting up MFA.
			if (!actor || !token || actor.mfa !== 'ok') return next(new Error('UNAUTHENTICATED'));
			tokens.set(socket, token);
			socket.data = {
				userId: actor.userId,
				sessionId: actor.sessionId,
				hospitalId: actor.hospitalId,
				// A branch room carries the branch's notices: only where the actor may read them.
				branchIds: actor.branches.filter((b) => b.permissions.includes('notices:read')).map((b) => b.id),
				// Calendars, queue and waitlist: only where the actor may read appointments.
				scheduleBranchIds: actor.branches.filter((b) => b.permissions.includes('appointments:read')).map((b) => b.id),
				seesActivity: can(actor, 'audit:read'),
				userName: actor.name
			};
			next();
		} catch (e) {
			log.error({ err: e }, 'socket authentication failed');
			next(new Error('INTERNAL'));
		}
	});

	io.on('connection', (socket) => {
		if (socket.data.board) {
			// A board listens and never commands: one room, no command handlers.
			const room = rooms.board(socket.data.board.branchId);
			for (const r of socket.rooms) if (r !== socket.id && r !== room) socket.leave(r);
			socket.join(room);
			return;
		}
		// Rooms come from the session alone; a recovered socket drops rooms it may no longer see.
		const wanted = new Set([
			...socket.data.branchIds.map(rooms.branch),
			...socket.data.scheduleBranchIds.map(rooms.schedule),
			rooms.user(socket.data.userId),
			rooms.session(socket.data.sessionId),
			...(socket.data.seesActivity ? [rooms.activity(socket.data.hospitalId)] : [])
		]);
		for (const room of socket.rooms) if (room !== socket.id && !wanted.has(room)) socket.leave(room);
		socket.join([...wanted]);

		/**
		 * Commands from one socket run one after another, in the order they were sent: a chart that
		 * unwatches and watches again must end up watching, however long each one's queries take.
		 */
		let inOrder = Promise.resolve();
		/**
		 * A client→server command: the session is re-validated and the command's declared rule
		 * checked (as for a route) before the service runs; the ack carries the result.
		 */
		function command<E extends keyof ClientToServerEvents & keyof typeof SOCKET_COMMAND_ACCESS>(
			event: E,
			run: (actor: Actor, input: Record<string, unknown>) => Promise<unknown>
		) {
			socket.on(event, ((input: unknown, ack: unknown) => {
				if (typeof ack !== 'function') return;
				inOrder = inOrder
					.then(() => (socket.connected ? handle(input, ack as (result: Ack<unknown>) => void) : undefined))
					.catch((e: unknown) => log.error({ err: e, event }, 'a socket command failed outside its handler'));
			}) as never);
			async function handle(input: unknown, ack: (result: Ack<unknown>) => void) {
				let result: Ack<unknown>;
				let actor: Actor | null | undefined;
				try {
					const token = tokens.get(socket);
					actor = socket.data.sessionId.startsWith('token:') ? await services.tokens.validate(token) : (await services.sessions.validate(token))?.actor;
					if (!actor || actor.mfa !== 'ok') {
						socket.disconnect(true);
						return;
					}
					const body = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
					checkAccess(SOCKET_COMMAND_ACCESS[event], actor, { branchId: typeof body.branchId === 'string' ? body.branchId : undefined });
					result = { ok: true, data: await run(actor, body) };
				} catch (e) {
					result = toAck(e, log, requestLocale(actor ?? null, parseCookie(socket.handshake.headers.cookie ?? '')[LANGUAGE_COOKIE], socket.handshake.headers['accept-language'] ?? null));
				}
				ack(result);
			}
		}

		command('notice:post', (actor, { branchId, ...input }) => services.notices.post(actor, String(branchId), input));

		command('patient:watch', async (actor, { patientId }) => {
			const id = String(patientId);
			const { sensitive } = await services.patients.watchLevel(actor, id);
			socket.leave(rooms.patient(id, !sensitive));
			await socket.join(rooms.patient(id, sensitive));
			return { viewers: await announceViewers(id) };
		});
		command('patient:unwatch', async (_actor, { patientId }) => {
			const id = String(patientId);
			socket.leave(rooms.patient(id, true));
			socket.leave(rooms.patient(id, false));
			await announceViewers(id);
			return null;
		});

		// Presence ends with the tab: once the socket has left its rooms, tell the remaining viewers.
		socket.on('disconnecting', () => {
			const charts = [...socket.rooms].map((r) => /^patient:([^:]+):/.exec(r)?.[1]).filter((id): id is string => !!id);
			if (charts.length) setImmediate(() => charts.forEach((id) => void announceViewers(id)));
		});
	});

	/** The latest announcement started per chart: a slow, older answer must not undo a newer one. */
	const announcing = new Map<string, number>();
	let announcements = 0;

	/** Everyone with the chart open on any node, one entry per person, sent to all of them. */
	async function announceViewers(patientId: string): Promise<PatientViewer[]> {
		const turn = ++announcements;
		announcing.set(patientId, turn);
		const chartRooms = [rooms.patient(patientId, true), rooms.patient(patientId, false)];
		const announce = (sockets: { data: SocketData }[]) => {
			const viewers = [...new Map(sockets.map((s) => [s.data.userId, { id: s.data.userId, name: s.data.userName }])).values()];
			if (announcing.get(patientId) !== turn) return viewers;
			io.to(chartRooms).emit('patient.viewers', { patientId, viewers });
			if (!viewers.length) announcing.delete(patientId);
			return viewers;
		};
		// Asking every node waits for each to answer, and for a node that died (until the adapter
		// forgets it) up to the request timeout. Presence must not lag that long: after a moment,
		// announce what this node knows, then again once every node has answered.
		const everywhere = io.in(chartRooms).fetchSockets();
		const prompt = await Promise.race([everywhere.then((s) => ({ s }), () => null), new Promise<null>((r) => setTimeout(() => r(null), PRESENCE_PATIENCE_MS).unref())]);
		if (prompt) return announce(prompt.s);
		const local = announce(await io.local.in(chartRooms).fetchSockets());
		// The full answer may come seconds later, gathered before someone left: only if nothing newer was said since.
		everywhere.then(
			(sockets) => void announce(sockets),
			(e) => log.warn({ err: e, patientId }, 'could not gather the viewers of a chart from every node')
		);
		return local;
	}

	runtime.relay.attach((row) => {
		if (row.event === CONTROL.disconnectSession) {
			io.in(row.room).disconnectSockets(true);
		} else {
			io.to(row.room).emit(row.event as BroadcastEvent, row.payload as never);
		}
		metrics.eventsPublished.inc({ event: row.event });
	});

	// Every second: drop local sockets whose session has ended (expiry, deactivation, or a
	// revocation whose publish was lost), and move the rest in or out of branch rooms when their
	// user's roles changed. The server, not the client, keeps room membership true.
	const watchdog = setInterval(async () => {
		const all = [...io.of('/').sockets.values()];
		const boards = all.filter((s) => s.data.board);
		const local = all.filter((s) => !s.data.board);
		if (boards.length) {
			try {
				const live = await services.boards.liveDevices([...new Set(boards.map((s) => s.data.board!.deviceId))]);
				for (const s of boards) if (!live.has(s.data.board!.deviceId)) s.disconnect(true);
			} catch (e) {
				log.warn({ err: e }, 'board watchdog could not check devices');
			}
		}
		if (!local.length) return;
		try {
			const ids = [...new Set(local.map((s) => s.data.sessionId))];
			const tokenIds = ids.filter((id) => id.startsWith('token:'));
			const [sessionsLive, tokensLive] = await Promise.all([
				services.sessions.liveBranches(ids.filter((id) => !id.startsWith('token:'))),
				services.tokens.liveBranches(tokenIds.map((id) => id.slice('token:'.length)))
			]);
			const live = new Map([...sessionsLive, ...[...tokensLive].map(([id, b]) => [`token:${id}`, b] as const)]);
			for (const s of local) {
				const access = live.get(s.data.sessionId);
				if (!access) {
					s.disconnect(true);
					continue;
				}
				const wanted = new Set([...access.branchIds.map(rooms.branch), ...access.scheduleBranchIds.map(rooms.schedule)]);
				for (const room of s.rooms) if ((room.startsWith('branch:') || room.startsWith('schedule:')) && !wanted.has(room)) s.leave(room);
				for (const room of wanted) if (!s.rooms.has(room)) s.join(room);
				s.data.branchIds = access.branchIds;
				s.data.scheduleBranchIds = access.scheduleBranchIds;
				// Open charts follow patients:read / patients:read-sensitive as they change.
				for (const room of s.rooms) {
					const chart = /^patient:([^:]+):(full|masked)$/.exec(room);
					if (!chart || chart[2] === access.patientLevel) continue;
					s.leave(room);
					if (access.patientLevel) s.join(rooms.patient(chart[1]!, access.patientLevel === 'full'));
					else void announceViewers(chart[1]!);
				}
			}
		} catch (e) {
			log.warn({ err: e }, 'session watchdog could not check sessions');
		}
	}, WATCHDOG_MS);
	watchdog.unref();

	// While Redis was away, events for other nodes' sockets could not travel: ask screens to refetch.
	let redisWasDown = false;
	runtime.redis?.on('error', () => (redisWasDown = true));
	runtime.redis?.on('ready', () => {
		if (!redisWasDown) return;
		redisWasDown = false;
		log.warn('redis is back; asking this node\'s screens to refetch');
		setTimeout(() => io.local.emit('system.resync', { reason: 'redis-reconnected' }), 500).unref();
	});

	metrics.socketsConnected.reset();
	const collectSockets = () => {
		const counts: Record<string, number> = { all: io.of('/').sockets.size, branch: 0, schedule: 0, user: 0, session: 0, board: 0 };
		for (const [room, members] of io.of('/').adapter.rooms) {
			const type = room.split(':')[0];
			if (type && type in counts && type !== 'all') counts[type] = (counts[type] ?? 0) + members.size;
		}
		for (const [type, n] of Object.entries(counts)) metrics.socketsConnected.set({ room_type: type }, n);
	};

	return {
		io,
		collectSockets,
		async close() {
			clearInterval(watchdog);
			io.local.disconnectSockets(true);
			await new Promise<void>((resolve) => {
				io.close(() => resolve());
			});
			adapterClient?.disconnect();
		}
	};
}

export type Realtime = ReturnType<typeof attachRealtime>;
