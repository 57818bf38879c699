// `npm run bench:booking`: booking throughput and latency through the whole app against a control
// in the same process, in the same run.
//
//   app      POST /api/v1/appointments — session cookie, permission, slot rules read from the
//            database, MikroORM, exclusion constraints, history, outbox event, hash-chained audit.
//   control  POST /__bench/control/appointments — the same appointment row by one raw SQL insert on
//            a plain pg pool (server/bench-control.ts), behind the same Express layers; mounted only
//            because this bench starts the server with BENCH_CONTROL_ENDPOINT=1 on a demo database.
//   floor    GET /api/v1/me — the app doing nothing: session cookie, permission check, SvelteKit.
//            Not a target, an explanation: booking can only be as fast as this.
//   records  POST /__bench/control/appointments-with-records — the control's row plus the records
//            every booking must leave (locks, history, outbox event, audit append, durable
//            commit), by the app's own statements in one round trip; no session, read or check.
//            Also an explanation: the most that any booking keeping those records could reach.
//
// CLIENTS (200) concurrent clients, each with its own session, book REQUESTS distinct slots per
// phase ("spread": nearly all should succeed); the phases take turns for ROUNDS rounds, in
// alternating order, so that load from anything else on the machine falls on all of them. Then a HOT-SLOT run each: the same
// clients fight over HOT_SLOTS slots with HOT_REQUESTS attempts, and all but one per slot must be
// told 409. After the runs, SQL checks that no practitioner, room or device is booked twice at
// once. Each figure is printed beside the control's; the last line is one JSON object.
//
//   npm run bench:booking
//   CLIENTS=200 REQUESTS=3000 ROUNDS=2 HOT_REQUESTS=2000 HOT_SLOTS=10 npm run bench:booking
//   BENCH_DATABASE_URL   PostgreSQL server to use (default postgres://postgres@127.0.0.1:5432); the
//                        bench drops and creates its own database, skinspire_bench_booking, there.
//   BENCH_CPU_PROFILE=dir  write a V8 CPU profile of the server to dir (for finding where time goes).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const DB_NAME = 'skinspire_bench_booking';
const CLIENTS = Number(process.env.CLIENTS ?? 200);
const REQUESTS = Number(process.env.REQUESTS ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const HOT_REQUESTS = Number(process.env.HOT_REQUESTS ?? 2000);
const HOT_SLOTS = Number(process.env.HOT_SLOTS ?? 10);
const WARMUP = Math.min(400, REQUESTS);
/** Extra practitioners and consulting rooms, so that there are enough distinct slots to book. */
const EXTRA_PRACTITIONERS = 24;
const EXTRA_ROOMS = 24;
const SERVICE = 'Dermatology consultation';
const CONTROL_PATH = '/__bench/control/appointments';
const RECORDS_PATH = '/__bench/control/appointments-with-records';
const MIN = 60_000;
const DAY = 86_400_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function serverUrl(database: string): string {
	const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');
	url.pathname = `/${database}`;
	return url.toString();
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// --- HTTP: one keep-alive connection per client, as a desk's browser would hold ------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 10 });
let baseUrl = '';

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

/** POST `body` as JSON; an empty body is sent as a GET (the floor's request). */
function post(pathname: string, body: string, headers: Record<string, string>, retried = false): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const method = body ? 'POST' : 'GET';
		const sent = body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {};
		const req = http.request(`${baseUrl}${pathname}`, { method, agent, headers: { ...sent, origin: baseUrl, ...headers } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
		});
		req.on('error', (e: NodeJS.ErrnoException) => {
			// A kept-alive connection the server closed as idle just as it was reused: the request never
			// reached it (the usual keep-alive race), so sending it again on a fresh one is safe.
			if (!retried && req.reusedSocket && e.code === 'ECONNRESET') post(pathname, body, headers, true).then(resolve, reject);
			else reject(e);
		});
		req.end(body || undefined);
	});
}

// --- The database and the server ---------------------------------------------------------------

interface Setup {
	branchId: string;
	timeZone: string;
	openingHours: Record<string, { opens: string; closes: string } | null>;
	serviceId: string;
	durationMinutes: number;
	bufferMinutes: number;
	practitionerIds: string[];
	roomIds: string[];
	patientIds: string[];
}

async function recreateDatabase() {
	const admin = new pg.Client({ connectionString: serverUrl('postgres') });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${DB_NAME} with (force)`);
		await admin.query(`create database ${DB_NAME}`);
	} finally {
		await admin.end();
	}
}

let server: ChildProcess | undefined;

async function startServer(): Promise<string> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-bench-booking-'));
	const profile = process.env.BENCH_CPU_PROFILE;
	const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []), 'server/index.ts'];
	server = spawn(process.execPath, args, {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			DATABASE_URL: serverUrl(DB_NAME),
			SEED_DEMO: 'true',
			DEMO_QUEUE: 'false',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			APP_SECRET: randomBytes(32).toString('hex'),
			RATE_LIMIT_SIGN_IN: '100000',
			BENCH_CONTROL_ENDPOINT: '1'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(`${url}/readyz`)).ok) return url;
		} catch {
			/* starting */
		}
		if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
		await sleep(100);
	}
	throw new Error('the server did not become ready');
}

async function stopServer() {
	if (!server || server.exitCode !== null) return;
	const exited = new Promise((r) => server!.once('exit', r));
	server.kill('SIGTERM');
	await Promise.race([exited, sleep(15_000)]);
}

/**
 * Room for thousands of distinct bookings at the demo branch: more doctors who perform the
 * consultation (working all week, 07:00–22:00) and more consulting rooms, made the way the demo
 * seed makes its own (copies of the demo doctor and of a consulting room).
 */
async function prepare(db: pg.Client): Promise<Setup> {
	const { rows: [branch] } = await db.query<{ id: string; hospital_id: string; time_zone: string; opening_hours: Setup['openingHours'] }>(
		`select b.id, b.hospital_id, b.time_zone, b.opening_hours from branch b join hospital h on h.id = b.hospital_id and h.is_demo where b.code = 'IND'`
	);
	const { rows: [service] } = await db.query<{ id: string; duration_minutes: number; buffer_minutes: number }>('select id, duration_minutes, buffer_minutes from clinic_service where name = $1 and hospital_id = $2', [SERVICE, branch!.hospital_id]);
	await db.query('begin');
	await db.query(`create temp table bench_user on commit drop as select * from app_user where email = 'doctor@demo.skinspire.app'`);
	for (let i = 1; i <= EXTRA_PRACTITIONERS; i++) {
		await db.query(`update bench_user set id = gen_random_uuid(), email = $1, name = $2`, [`bench-doctor-${i}@demo.skinspire.app`, `Dr Bench ${i}`]);
		await db.query('insert into app_user select * from bench_user');
	}
	await db.query(`create temp table bench_room on commit drop as select * from room where branch_id = $1 and type = 'consult' order by sort_order limit 1`, [branch!.id]);
	for (let i = 1; i <= EXTRA_ROOMS; i++) {
		await db.query(`update bench_room set id = gen_random_uuid(), name = $1, sort_order = 1000 + $2`, [`Bench consult ${i}`, i]);
		await db.query('insert into room select * from bench_room');
	}
	await db.query(
		`insert into service_practitioner (service_id, user_id) select $1, id from app_user where email like 'bench-doctor-%' on conflict do nothing`,
		[service!.id]
	);
	await db.query(
		`insert into working_hours (id, hospital_id, branch_id, user_id, weekday, starts_at, ends_at, kind)
		 select gen_random_uuid(), $1, $2, u.id, d, '07:00', '22:00', 'work' from app_user u cross join generate_series(0, 6) d where u.email like 'bench-doctor-%'`,
		[branch!.hospital_id, branch!.id]
	);
	await db.query('commit');
	await db.query('analyze');
	const practitionerIds = (await db.query<{ id: string }>(`select id from app_user where email like 'bench-doctor-%' order by email`)).rows.map((r) => r.id);
	const roomIds = (await db.query<{ id: string }>(`select id from room where branch_id = $1 and name like 'Bench consult %' order by sort_order`, [branch!.id])).rows.map((r) => r.id);
	const patientIds = (await db.query<{ id: string }>('select id from patient where hospital_id = $1 order by mrn', [branch!.hospital_id])).rows.map((r) => r.id);
	return { branchId: branch!.id, timeZone: branch!.time_zone, openingHours: branch!.opening_hours, serviceId: service!.id, durationMinutes: service!.duration_minutes, bufferMinutes: service!.buffer_minutes, practitionerIds, roomIds, patientIds };
}

/** Minutes east of UTC of the zone on a day (India: 330 all year); enough for whole-day planning. */
function offsetMinutes(timeZone: string, at: number): number {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at).map((p) => [p.type, p.value]));
	return (Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - Math.floor(at / MIN) * MIN) / MIN;
}

function iso(t: number, offset: number): string {
	const wall = new Date(t + offset * MIN).toISOString().slice(0, 19);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

interface Booking {
	patientId: string;
	serviceId: string;
	practitionerId: string;
	roomId: string;
	start: string;
}

/**
 * Distinct bookable slots from the day after tomorrow on: each practitioner keeps to one room, and
 * a day fills one pair after another, so that no two requests of a run want the same thing.
 */
function* slots(setup: Setup, firstDay: number): Generator<Booking> {
	const step = setup.durationMinutes + setup.bufferMinutes;
	let patient = 0;
	for (let day = firstDay; ; day++) {
		const midnightUtc = Math.floor(Date.now() / DAY) * DAY + day * DAY;
		const offset = offsetMinutes(setup.timeZone, midnightUtc + 12 * 3_600_000);
		const localMidnight = midnightUtc - offset * MIN;
		const weekday = new Date(midnightUtc).getUTCDay();
		const hours = setup.openingHours[String(weekday)];
		if (!hours) continue;
		const [oh, om] = hours.opens.split(':').map(Number) as [number, number];
		const [ch, cm] = hours.closes.split(':').map(Number) as [number, number];
		const open = Math.max(oh * 60 + om, 7 * 60);
		const close = Math.min(ch * 60 + cm, 22 * 60);
		for (let minute = open; minute + step <= close; minute += step) {
			for (let i = 0; i < Math.min(setup.practitionerIds.length, setup.roomIds.length); i++) {
				yield {
					patientId: setup.patientIds[patient++ % setup.patientIds.length]!,
					serviceId: setup.serviceId,
					practitionerId: setup.practitionerIds[i]!,
					roomId: setup.roomIds[i]!,
					start: iso(localMidnight + minute * MIN, offset)
				};
			}
		}
	}
}

function take(gen: Generator<Booking>, n: number): Booking[] {
	const out: Booking[] = [];
	for (let i = 0; i < n; i++) out.push(gen.next().value as Booking);
	return out;
}

// --- Load --------------------------------------------------------------------------------------

interface Run {
	name: string;
	requests: number;
	seconds: number;
	rps: number;
	p50: number;
	p99: number;
	latencies: number[];
	statuses: Record<number, number>;
}

/** CLIENTS workers, each with its own session cookie (or none), take the next booking until all are sent. */
async function drive(name: string, pathname: string, bookings: (Booking | null)[], cookies: (string | null)[]): Promise<Run> {
	const latencies: number[] = [];
	const statuses: Record<number, number> = {};
	let next = 0;
	const bodies = bookings.map((b) => (b ? JSON.stringify(b) : ''));
	const started = performance.now();
	await Promise.all(
		cookies.map(async (cookie) => {
			for (let i = next++; i < bodies.length; i = next++) {
				const t0 = performance.now();
				const res = await post(pathname, bodies[i]!, cookie ? { cookie } : {});
				latencies.push(performance.now() - t0);
				statuses[res.status] = (statuses[res.status] ?? 0) + 1;
				if (res.status >= 500 || (res.status !== 201 && res.status !== 409 && res.status !== 200)) {
					if ((statuses[res.status] ?? 0) <= 3) console.log(`  ${name}: ${res.status} ${res.body.slice(0, 300)}`);
				}
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const sorted = [...latencies].sort((a, b) => a - b);
	return { name, requests: bodies.length, seconds, rps: bodies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), latencies, statuses };
}

function merge(name: string, runs: Run[]): Run {
	const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const statuses: Record<number, number> = {};
	for (const r of runs) for (const [s, n] of Object.entries(r.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
	const requests = runs.reduce((n, r) => n + r.requests, 0);
	const seconds = runs.reduce((n, r) => n + r.seconds, 0);
	return { name, requests, seconds, rps: requests / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies, statuses };
}

const count = (run: Run, test: (status: number) => boolean) => Object.entries(run.statuses).reduce((n, [s, k]) => n + (test(Number(s)) ? k : 0), 0);

/** Pairs of live bookings that share a practitioner, a room or a device and overlap in time. */
async function overlaps(db: pg.Client): Promise<{ practitioner: number; room: number; device: number }> {
	const { rows: [r] } = await db.query<{ practitioner: number; room: number; device: number }>(
		`select
		   (select count(*)::int from appointment a join appointment b on a.practitioner_id = b.practitioner_id and a.id < b.id
		      and tstzrange(a.starts_at, a.busy_until) && tstzrange(b.starts_at, b.busy_until)
		    where a.status not in ('cancelled', 'no-show') and b.status not in ('cancelled', 'no-show')) as practitioner,
		   (select count(*)::int from appointment a join appointment b on a.room_id = b.room_id and a.id < b.id
		      and tstzrange(a.starts_at, a.busy_until) && tstzrange(b.starts_at, b.busy_until)
		    where a.status not in ('cancelled', 'no-show') and b.status not in ('cancelled', 'no-show')) as room,
		   (select count(*)::int from appointment_device a join appointment_device b on a.device_id = b.device_id and a.appointment_id < b.appointment_id
		      and tstzrange(a.starts_at, a.busy_until) && tstzrange(b.starts_at, b.busy_until)
		    where a.active and b.active) as device`
	);
	return r!;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) {
		console.log('building the app first (npm run build)…');
		const b = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('build failed');
	}
	await recreateDatabase();
	baseUrl = await startServer();
	const db = new pg.Client({ connectionString: serverUrl(DB_NAME) });
	await db.connect();
	try {
		const setup = await prepare(db);
		console.log(`booking bench: ${CLIENTS} clients, ${REQUESTS} bookings per phase × ${ROUNDS} rounds, ${setup.practitionerIds.length} practitioners × ${setup.roomIds.length} rooms`);

		// Desks: every client signs in as a person who may book at the branch.
		const desks = ['reception', 'manager', 'admin'].map((u) => `${u}@demo.skinspire.app`);
		const cookies: string[] = [];
		for (let i = 0; i < CLIENTS; i += 10) {
			await Promise.all(
				Array.from({ length: Math.min(10, CLIENTS - i) }, async (_, j) => {
					const res = await post('/api/v1/auth/login', JSON.stringify({ email: desks[(i + j) % desks.length], password: 'skinspire-demo' }), {});
					if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
					cookies.push(String(res.headers['set-cookie']![0]).split(';')[0]!);
				})
			);
		}
		const anonymous = cookies.map(() => null);
		const plan = slots(setup, 2);

		// Warm both paths (JIT, pools, caches) before measuring.
		await drive('warm-up app', '/api/v1/appointments', take(plan, WARMUP), cookies);
		await drive('warm-up control', CONTROL_PATH, take(plan, WARMUP), anonymous);
		await drive('warm-up records', RECORDS_PATH, take(plan, WARMUP), anonymous);
		// A clinic's database has months of bookings and autovacuum keeps its statistics current; this one
		// was analysed nearly empty. Without this the planner would still think the tables tiny (and scan them).
		await db.query('analyze');

		const appRuns: Run[] = [];
		const controlRuns: Run[] = [];
		const floorRuns: Run[] = [];
		const recordsRuns: Run[] = [];
		const runsOf = { app: appRuns, control: controlRuns, floor: floorRuns, records: recordsRuns };
		for (let round = 0; round < ROUNDS; round++) {
			// Alternate the order, so a slow moment of the machine does not favour one side. The floor
			// is the app doing nothing: a signed-in GET /api/v1/me (session, permission, SvelteKit).
			const order = ['control', 'floor', 'records', 'app'] as const;
			for (const side of round % 2 ? [...order].reverse() : order) {
				const run =
					side === 'app'
						? await drive('app', '/api/v1/appointments', take(plan, REQUESTS), cookies)
						: side === 'control'
							? await drive('control', CONTROL_PATH, take(plan, REQUESTS), anonymous)
							: side === 'records'
								? await drive('records', RECORDS_PATH, take(plan, REQUESTS), anonymous)
								: await drive('floor', '/api/v1/me', Array(REQUESTS).fill(null), cookies);
				runsOf[side].push(run);
				console.log(`  round ${round + 1} ${side.padEnd(7)} ${run.rps.toFixed(0).padStart(6)} req/s   p50 ${run.p50.toFixed(1)} ms   p99 ${run.p99.toFixed(1)} ms   ${JSON.stringify(run.statuses)}`);
			}
		}
		const app = merge('app', appRuns);
		const control = merge('control', controlRuns);
		const floor = merge('floor (GET /me)', floorRuns);
		const records = merge('records (no session)', recordsRuns);

		// Hot slot: every client wants one of a few slots; each slot is booked once, everyone else hears 409.
		const hotTarget = (bookings: Booking[]) => Array.from({ length: HOT_REQUESTS }, (_, i) => ({ ...bookings[i % bookings.length]!, patientId: setup.patientIds[i % setup.patientIds.length]! }));
		const hotApp = await drive('hot app', '/api/v1/appointments', hotTarget(take(plan, HOT_SLOTS)), cookies);
		const hotControl = await drive('hot control', CONTROL_PATH, hotTarget(take(plan, HOT_SLOTS)), anonymous);

		const clash = await overlaps(db);
		const overlapCount = clash.practitioner + clash.room + clash.device;
		const [{ n: rows }] = (await db.query<{ n: number }>('select count(*)::int as n from appointment')).rows as [{ n: number }];
		const nonConflictErrors = (run: Run) => count(run, (s) => s !== 201 && s !== 409);
		const ratio = app.rps / control.rps;

		const f = (n: number, w = 8) => n.toFixed(1).padStart(w);
		console.log(`\n                          req/s     p50 ms    p99 ms  200/201     409   other`);
		for (const r of [app, control, floor, records, hotApp, hotControl]) {
			const ok = count(r, (s) => s === 200 || s === 201);
			console.log(`${r.name.padEnd(22)} ${f(r.rps, 8)} ${f(r.p50)} ${f(r.p99)} ${String(ok).padStart(8)} ${String(count(r, (s) => s === 409)).padStart(7)} ${String(r.requests - ok - count(r, (s) => s === 409)).padStart(7)}`);
		}
		console.log(`ratio app/control throughput: ${ratio.toFixed(2)} (target ≥ 0.9); app p99 ${app.p99.toFixed(0)} ms (target ≤ 500)`);
		console.log(`the app's floor (a signed-in request that books nothing) reaches ${(floor.rps / control.rps).toFixed(2)} of the control; booking reaches ${(app.rps / floor.rps).toFixed(2)} of that floor`);
		console.log(
			`writing the records every booking must leave, with no session, read or check, reaches ${(records.rps / control.rps).toFixed(2)} of the control: no booking that keeps them can go faster here; the app reaches ${(app.rps / records.rps).toFixed(2)} of that`
		);
		console.log(`overlapping bookings afterwards: ${overlapCount} (practitioner ${clash.practitioner}, room ${clash.room}, device ${clash.device}) among ${rows} appointments`);
		const hotBooked = count(hotApp, (s) => s === 201);
		console.log(`hot slot: ${hotBooked} of ${HOT_SLOTS} slots booked by the app, ${count(hotApp, (s) => s === 409)} × 409`);

		console.log(
			JSON.stringify({
				clients: CLIENTS,
				requests_per_phase: REQUESTS,
				rounds: ROUNDS,
				app_rps: +app.rps.toFixed(1),
				control_rps: +control.rps.toFixed(1),
				ratio: +ratio.toFixed(3),
				app_p50_ms: +app.p50.toFixed(1),
				app_p99_ms: +app.p99.toFixed(1),
				control_p50_ms: +control.p50.toFixed(1),
				control_p99_ms: +control.p99.toFixed(1),
				floor_rps: +floor.rps.toFixed(1),
				floor_ratio: +(floor.rps / control.rps).toFixed(3),
				app_to_floor: +(app.rps / floor.rps).toFixed(3),
				records_rps: +records.rps.toFixed(1),
				records_ratio: +(records.rps / control.rps).toFixed(3),
				app_to_records: +(app.rps / records.rps).toFixed(3),
				app_201: count(app, (s) => s === 201),
				app_409: count(app, (s) => s === 409),
				overlaps: overlapCount,
				non_409_errors: nonConflictErrors(app) + nonConflictErrors(hotApp),
				hot_slots: HOT_SLOTS,
				hot_requests: HOT_REQUESTS,
				hot_app_rps: +hotApp.rps.toFixed(1),
				hot_control_rps: +hotControl.rps.toFixed(1),
				hot_app_p99_ms: +hotApp.p99.toFixed(1),
				hot_app_201: hotBooked,
				hot_app_409: count(hotApp, (s) => s === 409),
				hot_control_201: count(hotControl, (s) => s === 201),
				hot_control_409: count(hotControl, (s) => s === 409),
				control_non_409_errors: nonConflictErrors(control) + nonConflictErrors(hotControl) + nonConflictErrors(records)
			})
		);
	} finally {
		await db.end();
		await stopServer();
		agent.destroy();
	}
}

main().catch(async (e) => {
	console.error(e);
	await stopServer();
	process.exit(1);
});
