// `npm run bench:slots`: how long the slot finder takes for a busy branch-week, against the
// minute-by-minute brute force (src/lib/server/scheduling/slot-oracle.ts) on the same input in
// the same run. The week: one service (45 min + 15 min clean-up, needs a CO2 laser) across 10
// practitioners, 8 rooms, 3 devices and 500 busy intervals, 5-minute grid, Asia/Kolkata. Both
// answers are compared before any figure is printed; the last line is one JSON object.
//
//   RUNS=200 npm run bench:slots
import { findSlots, type BusyInterval, type SchedulingInput, type SlotQuery } from '../src/lib/server/scheduling/slot-finder.ts';
import { bruteForceSlots } from '../src/lib/server/scheduling/slot-oracle.ts';
import { startOfLocalDay } from '../src/lib/server/scheduling/zoned-time.ts';

const RUNS = Number(process.env.RUNS ?? 200);
const TZ = 'Asia/Kolkata';
const MIN = 60_000;

// A fixed pseudo-random sequence, so every run measures the same week.
let seed = 20250602;
const random = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const everyDay = (ranges: { start: string; end: string }[]) => Object.fromEntries(days.map((d) => [d, ranges]));
const practitionerIds = Array.from({ length: 10 }, (_, i) => `dr-${i + 1}`);
const roomIds = Array.from({ length: 8 }, (_, i) => `room-${i + 1}`);
const deviceIds = ['co2-1', 'co2-2', 'ipl-1'];
const from = startOfLocalDay(TZ, '2025-06-02');
const to = startOfLocalDay(TZ, '2025-06-09');

const busy: BusyInterval[] = Array.from({ length: 500 }, () => {
	const day = Math.floor(random() * 6);
	const start = from + day * 1440 * MIN + (9 * 60 + Math.floor(random() * 100) * 5) * MIN;
	return {
		start,
		end: start + pick([15, 30, 45, 60]) * MIN,
		bufferAfterMinutes: pick([0, 10, 15]),
		practitionerId: pick(practitionerIds),
		roomId: pick(roomIds),
		deviceIds: random() < 0.3 ? [pick(deviceIds)] : []
	};
});

const input: SchedulingInput = {
	service: { durationMinutes: 45, bufferAfterMinutes: 15, roomType: 'procedure', deviceTypes: ['co2'], practitionerIds },
	branch: { timeZone: TZ, openingHours: everyDay([{ start: '09:00', end: '20:00' }]), holidays: [{ date: '2025-06-05', closed: [{ start: '14:00', end: '20:00' }] }] },
	practitioners: practitionerIds.map((id, i) => ({
		id,
		workingHours: everyDay(i % 2 ? [{ start: '09:00', end: '17:00' }] : [{ start: '12:00', end: '20:00' }]),
		breaks: everyDay([{ start: i % 2 ? '13:00' : '16:00', end: i % 2 ? '13:45' : '16:30' }]),
		leave: i === 3 ? [{ fromDate: '2025-06-04', toDate: '2025-06-05' }] : []
	})),
	rooms: roomIds.map((id, i) => ({ id, type: i < 6 ? 'procedure' : 'consult', outOfService: i === 0 ? [{ start: from + 2 * 1440 * MIN, end: from + 3 * 1440 * MIN }] : [] })),
	devices: [
		{ id: 'co2-1', type: 'co2' },
		{ id: 'co2-2', type: 'co2' },
		{ id: 'ipl-1', type: 'ipl' }
	],
	busy
};

function time(fn: () => unknown, runs: number): { median: number; p95: number } {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		samples.push(performance.now() - t0);
	}
	samples.sort((a, b) => a - b);
	return { median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]! };
}

const report: Record<string, unknown> = { runs: RUNS };
for (const [name, query] of [
	['one room per practitioner', { from, to, stepMinutes: 5 }],
	['every combination', { from, to, stepMinutes: 5, roomsPerPractitioner: Infinity }]
] as [string, SlotQuery][]) {
	const fast = findSlots(input, query);
	const slow = bruteForceSlots(input, query);
	if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`${name}: the finder and the brute force disagree`);
	for (let i = 0; i < 20; i++) findSlots(input, query);
	const finder = time(() => findSlots(input, query), RUNS);
	const brute = time(() => bruteForceSlots(input, query), 3);
	console.log(`${name}: ${fast.length} slots`);
	console.log(`  finder       median ${finder.median.toFixed(2)} ms   p95 ${finder.p95.toFixed(2)} ms   (${RUNS} runs)`);
	console.log(`  brute force  median ${brute.median.toFixed(1)} ms   (3 runs)   ${(brute.median / finder.median).toFixed(0)}× slower`);
	report[name] = { slots: fast.length, finderMedianMs: +finder.median.toFixed(3), finderP95Ms: +finder.p95.toFixed(3), bruteForceMedianMs: +brute.median.toFixed(1) };
}
console.log(JSON.stringify(report));
