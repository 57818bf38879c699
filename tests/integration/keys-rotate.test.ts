import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, TEST_PATIENT_INDEX_KEY, type TestServer } from '../support/server.ts';
import { api, login, type Session } from '../support/clients.ts';
import { createFieldCrypto, parseKeyRing } from '../../src/lib/server/crypto/field-crypto.ts';
import { createEncryptedFileStore, createLocalFileStore } from '../../src/lib/server/files/file-store.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const K1 = `k1:${Buffer.alloc(32, 0x11).toString('base64')}`;
const K2 = `k2:${Buffer.alloc(32, 0x22).toString('base64')}`;

interface Run {
	code: number | string | null;
	output: string;
}

/** `npm run keys:rotate` as an operator runs it: a child process with the server's environment. */
function rotate(env: Record<string, string | undefined>, opts: { interruptAfterFirstProgress?: NodeJS.Signals; onFirstProgress?: () => void } = {}): Promise<Run> {
	const full: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', APP_SECRET: undefined, PATIENT_DATA_KEYS: undefined, PATIENT_INDEX_KEY: undefined, ...env };
	for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
	const child = spawn(process.execPath, ['scripts/keys-rotate.ts'], { cwd: ROOT, env: full as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	let signalled = false;
	const onData = (d: Buffer) => {
		output += d;
		if (!signalled && /^progress /m.test(output)) {
			signalled = true;
			if (opts.interruptAfterFirstProgress) child.kill(opts.interruptAfterFirstProgress);
			opts.onFirstProgress?.();
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code: code ?? signal, output })));
}

/** "patients  3 re-encrypted, 5 already current, 0 failed" → numbers. */
function summary(output: string, label: string): { rotated: number; current: number; failed: number } {
	const m = new RegExp(`^\\s+${label}\\s+(\\d+) re-encrypted, (\\d+) already current, (\\d+) failed$`, 'm').exec(output);
	if (!m) throw new Error(`no summary for ${label} in:\n${output}`);
	return { rotated: Number(m[1]), current: Number(m[2]), failed: Number(m[3]) };
}

const countUnder = async (databaseUrl: string, keyId: string) =>
	(await query<{ n: number }>(databaseUrl, `select count(*)::int as n from patient where concat_ws(' ', phone_enc, email_enc, address_enc, emergency_contact_enc, government_id_enc, allergies_enc, medications_enc, conditions_enc, previous_procedures_enc) like $1`, [`%f1.${keyId}.%`]))[0]!.n;

describe('npm run keys:rotate', () => {
	let databaseUrl: string;
	let dataDir: string;
	let server: TestServer | undefined;
	let doctor: Session;
	const serverWith = async (keys: string) => {
		server = await startServer({ databaseUrl, env: { PATIENT_DATA_KEYS: keys, DATA_DIR: dataDir } });
		doctor = await login(server, 'doctor@demo.skinspire.app');
		return server;
	};
	const stopServer = async () => {
		await server?.stop();
		server = undefined;
	};
	const rotationEnv = (extra: Record<string, string> = {}) => ({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PATIENT_DATA_KEYS: `${K2},${K1}`, PATIENT_INDEX_KEY: TEST_PATIENT_INDEX_KEY, ...extra });
	const get = async (p: string) => {
		const res = await api(server!, doctor)(p);
		expect(res.status, p).toBe(200);
		return res.json();
	};
	/** Every patient of the hospital as the doctor reads it, with its history, by id. */
	const readAll = async () => {
		const ids: string[] = [];
		for (let page = 1; ; page++) {
			const res = await get(`/api/v1/patients?pageSize=100&page=${page}`);
			ids.push(...res.items.map((i: { id: string }) => i.id));
			if (!res.hasMore) break;
		}
		const all: Record<string, unknown> = {};
		for (const id of ids.sort()) all[id] = { patient: await get(`/api/v1/patients/${id}`), history: (await get(`/api/v1/patients/${id}/history`)).entries };
		return all;
	};

	const registered: { id: string; phone: string; medications: string[] }[] = [];
	const files = new Map<string, Buffer>();
	let before: Record<string, unknown>;
	let doneByFirstRun: number;

	beforeAll(async () => {
		databaseUrl = await createDatabase();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-rotate-'));
		// The demo patients are sealed at start-up under k1, like everything registered below.
		await serverWith(K1);
		for (let i = 0; i < 20; i++) {
			const phone = `+9198450${String(10000 + i).slice(-5)}`;
			const body = {
				fullName: `Rotation Patient ${i}`,
				sex: i % 2 ? 'female' : 'male',
				dateOfBirth: '1985-06-15',
				phone,
				email: `rotation.${i}@example.org`,
				address: `${i} Key Street, Bengaluru`,
				emergencyContact: { name: `Contact ${i}`, phone: '+919845099999', relation: 'sister' },
				governmentId: { type: 'aadhaar', number: `12341234${String(1000 + i)}` },
				allergies: [{ substance: `Substance ${i}`, severity: 'moderate' }],
				medications: [`Medicine ${i} 10 mg`],
				conditions: i % 2 ? ['Asthma'] : [],
				previousProcedures: i % 3 ? [] : ['Chemical peel']
			};
			const res = await api(server!, doctor)('/api/v1/patients', { method: 'POST', json: body });
			expect(res.status).toBe(201);
			const p = await res.json();
			registered.push({ id: p.id, phone, medications: body.medications });
			if (i % 4 === 0) await api(server!, doctor)(`/api/v1/patients/${p.id}/history`, { method: 'POST', json: { note: `History note ${i}: responded well` } });
			if (i % 5 === 0) {
				// A later edit leaves sealed outbox rows for the open charts.
				const r = await api(server!, doctor)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { occupation: 'Teacher', version: p.version + (i % 4 === 0 ? 1 : 0) } });
				expect(r.status).toBe(200);
			}
		}
		// Documents as the file store keeps them (encrypted under DATA_DIR/files with the ring of the day).
		const store = createEncryptedFileStore(createLocalFileStore(path.join(dataDir, 'files')), createFieldCrypto(parseKeyRing(K1, TEST_PATIENT_INDEX_KEY)));
		for (const p of registered.slice(0, 3)) {
			const key = `patients/${p.id}/${randomUUID()}`;
			const bytes = randomBytes(200_000);
			await store.put(key, bytes);
			files.set(key, bytes);
		}
		before = await readAll();
		await stopServer();
	}, 180_000);
	afterAll(async () => {
		await stopServer();
	});

	it('refuses to start without keys outside demo mode, with the server’s messages', async () => {
		const empty = await createDatabase();
		const run = await rotate({ DATABASE_URL: empty, DATA_DIR: dataDir });
		expect(run.code).toBe(1);
		expect(run.output).toMatch(/PATIENT_DATA_KEYS is not set\. Generate one with/);
		expect(run.output).toMatch(/PATIENT_INDEX_KEY is not set/);
	});

	it('a run killed part-way leaves every row whole (old key or new), and a second run finishes without redoing the first one’s work', async () => {
		const total = await countUnder(databaseUrl, 'k1');
		expect(total).toBeGreaterThanOrEqual(80); // 60 demo patients and 20 registered here

		const killed = await rotate(rotationEnv({ KEYS_ROTATE_BATCH: '5', KEYS_ROTATE_PAUSE_MS: '150' }), { interruptAfterFirstProgress: 'SIGKILL' });
		expect(killed.code).toBe('SIGKILL');
		doneByFirstRun = await countUnder(databaseUrl, 'k2');
		expect(doneByFirstRun).toBeGreaterThan(0);
		expect(doneByFirstRun).toBeLessThan(total);
		expect(await countUnder(databaseUrl, 'k1')).toBe(total - doneByFirstRun);

		// Ctrl-C stops after the batch in hand, says how to go on, and exits non-zero.
		const interrupted = await rotate(rotationEnv({ KEYS_ROTATE_BATCH: '5', KEYS_ROTATE_PAUSE_MS: '150' }), { interruptAfterFirstProgress: 'SIGINT' });
		expect(interrupted.code).toBe(130);
		expect(interrupted.output).toMatch(/run `npm run keys:rotate` again to continue/);
		const afterSecond = summary(interrupted.output, 'patients');
		expect(afterSecond.current).toBe(doneByFirstRun);
		expect(afterSecond.rotated).toBeGreaterThan(0);
		doneByFirstRun += afterSecond.rotated;
		expect(await countUnder(databaseUrl, 'k2')).toBe(doneByFirstRun);
	}, 120_000);

	it('finishes while the app runs with the new ring, and edits made meanwhile are kept', async () => {
		await serverWith(`${K2},${K1}`);
		const edits: Promise<void>[] = [];
		const edited = registered.slice(5, 10);
		const run = await rotate(rotationEnv({ KEYS_ROTATE_BATCH: '5', KEYS_ROTATE_PAUSE_MS: '40' }), {
			onFirstProgress: () => {
				for (const [n, p] of edited.entries()) {
					edits.push(
						(async () => {
							const current = await get(`/api/v1/patients/${p.id}`);
							p.phone = `+9198451${String(10000 + n).slice(-5)}`;
							p.medications = [`Changed during rotation ${n}`];
							const res = await api(server!, doctor)(`/api/v1/patients/${p.id}`, { method: 'PATCH', json: { phone: p.phone, medications: p.medications, version: current.version } });
							expect(res.status).toBe(200);
							await api(server!, doctor)(`/api/v1/patients/${p.id}/history`, { method: 'POST', json: { note: `Added during rotation ${n}` } });
						})()
					);
				}
			}
		});
		await Promise.all(edits);
		expect(run.code, run.output).toBe(0);
		const patients = summary(run.output, 'patients');
		expect(patients.current).toBeGreaterThanOrEqual(doneByFirstRun);
		expect(patients.rotated).toBeGreaterThan(0);
		expect(patients.failed).toBe(0);
		expect(summary(run.output, 'history notes').rotated).toBe(5);
		expect(summary(run.output, 'outbox events').rotated).toBeGreaterThan(0);
		expect(summary(run.output, 'files')).toEqual({ rotated: 3, current: 0, failed: 0 });
		expect(run.output).toMatch(/^0 failures\.$/m);
		expect(run.output).toMatch(/k1 may be removed from PATIENT_DATA_KEYS/);

		// Nothing is left to do, and a run that finds nothing changes nothing.
		const again = await rotate(rotationEnv());
		expect(again.code).toBe(0);
		for (const label of ['patients', 'history notes', 'outbox events', 'files']) expect(summary(again.output, label).rotated).toBe(0);
		await stopServer();
	}, 120_000);

	it('with only the new key every patient, note and file reads back as it was, and phone search still finds them', async () => {
		await serverWith(K2);
		const after = await readAll();
		const editedIds = new Set(registered.slice(5, 10).map((p) => p.id));
		for (const [id, was] of Object.entries(before)) {
			if (editedIds.has(id)) continue;
			expect(after[id], id).toEqual(was);
		}
		for (const p of registered.filter((r) => editedIds.has(r.id))) {
			const now = after[p.id] as { patient: { phone: string; medications: string[] }; history: { note: string }[] };
			expect(now.patient.phone).toBe(p.phone);
			expect(now.patient.medications).toEqual(p.medications);
			expect(now.history[0]!.note).toMatch(/^Added during rotation/);
		}
		// The blind index was never touched: the full number in any format still finds the patient.
		for (const p of registered.slice(0, 8)) {
			const local = p.phone.slice(3);
			const found = await get(`/api/v1/patients?q=${encodeURIComponent(`${local.slice(0, 5)} ${local.slice(5)}`)}`);
			expect(found.matchedBy).toBe('phone');
			expect(found.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
		}

		const store = createEncryptedFileStore(createLocalFileStore(path.join(dataDir, 'files')), createFieldCrypto(parseKeyRing(K2, TEST_PATIENT_INDEX_KEY)));
		for (const [key, bytes] of files) {
			expect((await store.get(key)).equals(bytes)).toBe(true);
			expect(await store.keyIdOf(key)).toBe('k2');
		}

		const dump = execFileSync('pg_dump', ['--data-only', databaseUrl], { maxBuffer: 200 * 1024 * 1024 }).toString();
		expect(dump).toContain('f1.k2.');
		expect(dump).not.toContain('f1.k1.');
	}, 120_000);

	it('names a value it cannot open, leaves it as it was and exits non-zero', async () => {
		await stopServer();
		const lost = createFieldCrypto(parseKeyRing(`k0:${Buffer.alloc(32, 0x33).toString('base64')}`, TEST_PATIENT_INDEX_KEY));
		const [row] = await query<{ id: string }>(databaseUrl, 'select id from patient order by id limit 1');
		const sealed = lost.encrypt('"lost"', `patient:${row!.id}:address`);
		await query(databaseUrl, 'update patient set address_enc = $1 where id = $2', [sealed, row!.id]);
		const run = await rotate(rotationEnv());
		expect(run.code).toBe(1);
		expect(summary(run.output, 'patients')).toMatchObject({ rotated: 0, failed: 1 });
		expect(run.output).toContain(`failed: patient ${row!.id} address_enc: cannot decrypt: key k0 is not in PATIENT_DATA_KEYS`);
		expect(run.output).toMatch(/Keep the old key/);
		expect((await query(databaseUrl, 'select address_enc from patient where id = $1', [row!.id]))[0]!.address_enc).toBe(sealed);
	}, 60_000);
});
