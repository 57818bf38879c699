import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import type { PatientImportDto } from '../../src/lib/shared/patients/patient-import.schema.ts';
import { parseCsv } from '../../src/lib/server/patients/import/csv.ts';

/**
 * CSV imports end to end, against a real server and PostgreSQL: upload, matching, dry run,
 * background import with live progress, cancel, idempotency by source id, and the export.
 */
let server: TestServer;
let databaseUrl: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-import-'));
let manager: Session;
let admin: Session;
let reception: Session;
let outsider: Session;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	databaseUrl = await createDatabase();
	server = await startServer({ databaseUrl, env: { DATA_DIR: dataDir } });
	manager = await login(server, 'manager@demo.skinspire.app');
	admin = await login(server, 'admin@demo.skinspire.app');
	reception = await login(server, 'reception@demo.skinspire.app');
	// Someone of another hospital who may import there.
	const [h] = await query(databaseUrl, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Other Clinic', true, now()) returning id");
	await query(databaseUrl, "insert into branch (id, hospital_id, name, code, time_zone, opening_hours, created_at) values (gen_random_uuid(), $1, 'Elsewhere', 'OTH', 'Asia/Kolkata', '{}', now())", [h!.id]);
	const [u] = await query(databaseUrl, "insert into app_user (id, hospital_id, name, email, password_hash, active, created_at) values (gen_random_uuid(), $1, 'Other Importer', 'importer@elsewhere.test', $2, true, now()) returning id", [
		h!.id,
		await hashPassword('another clinic password 7')
	]);
	const [r] = await query(databaseUrl, "insert into role (id, hospital_id, name, permissions, created_at) values (gen_random_uuid(), $1, 'Importer', '{patients:read,patients:import,patients:export}', now()) returning id", [h!.id]);
	await query(databaseUrl, 'insert into role_assignment (id, hospital_id, user_id, role_id, branch_id, created_at) values (gen_random_uuid(), $1, $2, $3, null, now())', [h!.id, u!.id, r!.id]);
	outsider = await login(server, 'importer@elsewhere.test', 'another clinic password 7');
}, 180_000);
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.stop();
});

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

const HEADER = 'Patient ID,Patient Name,DOB,Gender,Mobile No,Email,Known Allergies';

/** Rows of a legacy export; `bad` turns some rows (0-based) into a particular mistake. */
function legacyCsv(n: number, prefix: string, bad: Map<number, 'date' | 'sex' | 'name' | 'phone' | 'duplicate'> = new Map(), delimiter = ','): string {
	const lines = [HEADER.replaceAll(',', delimiter)];
	for (let i = 0; i < n; i++) {
		const kind = bad.get(i);
		const day = String((i % 28) + 1).padStart(2, '0');
		const month = String((i % 12) + 1).padStart(2, '0');
		const cells = [
			kind === 'duplicate' ? `${prefix}-0` : `${prefix}-${i}`,
			kind === 'name' ? '' : `Imported ${prefix} Person${i}`,
			kind === 'date' ? `31/02/1990` : `${day}/${month}/${1950 + (i % 60)}`,
			kind === 'sex' ? 'robot' : i % 2 ? 'F' : 'M',
			kind === 'phone' ? '12345' : String(9100000000 + i * 13),
			i % 3 ? '' : `person${i}@example.com`,
			i % 5 ? '' : 'Penicillin: mild; Latex'
		];
		lines.push(cells.map((c) => (c.includes(delimiter) || c.includes('"') ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter));
	}
	return `${lines.join('\r\n')}\r\n`;
}

async function upload(session: Session, csv: string | Uint8Array<ArrayBuffer>, fields: Record<string, string>, name = 'patients.csv'): Promise<Response> {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	form.set('file', new Blob([typeof csv === 'string' ? new TextEncoder().encode(csv) : csv], { type: 'text/csv' }), name);
	return api(server, session)('/api/v1/patient-imports', { method: 'POST', body: form });
}

async function uploaded(session: Session, csv: string, fields: Record<string, string>): Promise<PatientImportDto> {
	const res = await upload(session, csv, fields);
	expect(res.status, await res.clone().text()).toBe(201);
	return res.json();
}

const getImport = async (session: Session, id: string, headers: Record<string, string> = {}): Promise<PatientImportDto> =>
	(await api(server, session)(`/api/v1/patient-imports/${id}`, { headers })).json();

async function until(session: Session, id: string, statuses: string[], timeoutMs = 60_000): Promise<PatientImportDto> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const imp = await getImport(session, id);
		if (statuses.includes(imp.status)) return imp;
		if (Date.now() > deadline) throw new Error(`import ${id} still ${imp.status} after ${timeoutMs} ms`);
		await sleep(100);
	}
}

async function dryRun(session: Session, id: string, timeoutMs = 60_000): Promise<PatientImportDto> {
	const { version } = await getImport(session, id);
	const res = await api(server, session)(`/api/v1/patient-imports/${id}/dry-run`, { method: 'POST', json: { version } });
	expect(res.status, await res.clone().text()).toBe(202);
	return until(session, id, ['checked', 'failed'], timeoutMs);
}

async function start(session: Session, id: string, goodRowsOnly?: boolean): Promise<Response> {
	const { version } = await getImport(session, id);
	return api(server, session)(`/api/v1/patient-imports/${id}/start`, { method: 'POST', json: { version, ...(goodRowsOnly === undefined ? {} : { goodRowsOnly }) } });
}

const countSource = async (source: string) => (await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from patient where source_system = $1', [source]))[0]!.n;
const countPatients = async () => (await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from patient'))[0]!.n;
const storedFile = (imp: { id: string }) => {
	const hospitalDir = path.join(dataDir, 'files', 'imports');
	const dirs = fs.existsSync(hospitalDir) ? fs.readdirSync(hospitalDir) : [];
	return dirs.map((d) => path.join(hospitalDir, d, `${imp.id}.csv`)).find((f) => fs.existsSync(f)) ?? null;
};

// ── tests ──────────────────────────────────────────────────────────────────────────────────────

describe('importing a good file', () => {
	it('guesses the matching, checks, imports in the background, and a second run of the same file adds nobody', async () => {
		const csv = legacyCsv(40, 'GOOD');
		const imp = await uploaded(manager, csv, { sourceSystem: 'ClinicSoft' });
		expect(imp).toMatchObject({ status: 'uploaded', delimiter: ',', sourceSystem: 'ClinicSoft', branch: { code: 'IND' } });
		expect(imp.mapping).toEqual({ 'Patient ID': 'sourceId', 'Patient Name': 'fullName', DOB: 'dateOfBirth', Gender: 'sex', 'Mobile No': 'phone', Email: 'email', 'Known Allergies': 'allergies' });
		expect(imp.columns).toHaveLength(7);
		expect(imp.preview![0]![1]).toBe('Imported GOOD Person0');

		// The CSV holds patient data: stored encrypted, never in clear on disk.
		const file = storedFile(imp)!;
		expect(file).not.toBeNull();
		expect(fs.readFileSync(file).includes(Buffer.from('Imported GOOD'))).toBe(false);

		const checked = await dryRun(manager, imp.id);
		expect(checked).toMatchObject({ status: 'checked', totalRows: 40, validRows: 40, errorRows: 0 });
		expect(checked.report!.fileProblems).toEqual([]);
		expect(await countSource('ClinicSoft')).toBe(0);

		const res = await start(manager, imp.id);
		expect(res.status).toBe(202);
		const done = await until(manager, imp.id, ['completed', 'failed']);
		expect(done).toMatchObject({ status: 'completed', importedRows: 40, skippedRows: 0, processedRows: 40 });
		expect(done.report!.run).toMatchObject({ imported: 40, alreadyImported: 0, withErrors: 0, outcome: 'completed' });
		expect(await countSource('ClinicSoft')).toBe(40);
		expect(storedFile(imp)).toBeNull();

		// The imported record reads like a registered one: MRN of the branch, E.164 phone, parsed allergies.
		const found = await (await api(server, manager)('/api/v1/patients?q=Imported%20GOOD%20Person5')).json();
		const patient = await (await api(server, manager)(`/api/v1/patients/${found.items[0].id}`)).json();
		expect(patient).toMatchObject({ fullName: 'Imported GOOD Person5', mrn: expect.stringMatching(/^IND-\d{6}$/), sex: 'female', dateOfBirth: '1955-06-06', phone: '+919100000065', allergies: [{ substance: 'Penicillin', severity: 'mild' }, { substance: 'Latex', severity: 'severe' }] });
		const [source] = await query(databaseUrl, 'select source_id, phone_enc from patient where id = $1', [patient.id]);
		expect(source).toMatchObject({ source_id: 'GOOD-5' });
		expect(source!.phone_enc).not.toContain('9100000065');

		// One audit row for the run, with counts and no patient data.
		const audits = await query(databaseUrl, "select after::text as after from audit_event where action = 'patients.imported' and target_id = $1", [imp.id]);
		expect(audits).toHaveLength(1);
		expect(JSON.parse(audits[0]!.after)).toMatchObject({ sourceSystem: 'ClinicSoft', outcome: 'completed', imported: 40 });
		expect(audits[0]!.after).not.toContain('Imported GOOD');

		// The same file again: every row is recognised by its source id and skipped.
		const again = await uploaded(manager, csv, { sourceSystem: 'ClinicSoft' });
		const againChecked = await dryRun(manager, again.id);
		expect(againChecked.report!.alreadyImported).toBe(40);
		expect((await start(manager, again.id)).status).toBe(202);
		const againDone = await until(manager, again.id, ['completed', 'failed']);
		expect(againDone).toMatchObject({ status: 'completed', importedRows: 0, skippedRows: 40 });
		expect(againDone.report!.run).toMatchObject({ imported: 0, alreadyImported: 40 });
		expect(await countSource('ClinicSoft')).toBe(40);
	});

	it('reads semicolon files in Windows-1252 with quoted new lines, and first/last name columns', async () => {
		const text = 'ID;First Name;Surname;Address;Sex\r\n1;José;Fernandes;"Flat 2;\r\nMG Road";m\r\n2;Zoë;D\'Souza;;F\r\n';
		const bytes = Uint8Array.from([...text].map((c) => ({ é: 0xe9, ë: 0xeb })[c as 'é'] ?? c.charCodeAt(0)));
		const res = await upload(manager, bytes, { sourceSystem: 'Old Goa' });
		expect(res.status).toBe(201);
		const imp: PatientImportDto = await res.json();
		expect(imp.delimiter).toBe(';');
		const checked = await dryRun(manager, imp.id);
		expect(checked).toMatchObject({ totalRows: 2, validRows: 2, errorRows: 0 });
		expect(checked.report!.encoding).toBe('windows-1252');
		await start(manager, imp.id);
		await until(manager, imp.id, ['completed']);
		const found = await (await api(server, manager)('/api/v1/patients?q=Jos%C3%A9%20Fernandes')).json();
		const jose = await (await api(server, manager)(`/api/v1/patients/${found.items[0].id}`)).json();
		expect(jose).toMatchObject({ fullName: 'José Fernandes', sex: 'male', address: 'Flat 2;\r\nMG Road', phone: null });
	});
});

describe('clear reports for files that cannot be imported', () => {
	it('a wrong separator: the report names the one the file seems to use, and importing is refused', async () => {
		const csv = legacyCsv(5, 'SEMI', new Map(), ';');
		const imp = await uploaded(manager, csv, { sourceSystem: 'Semi', delimiter: ',' });
		expect(imp.columns).toHaveLength(1);
		const checked = await dryRun(manager, imp.id);
		expect(checked.report!.fileProblems).toEqual([
			'Read with comma (,) as the separator, the file has a single column; it looks separated by semicolon (;). Change the separator.',
			'No column is matched to: Source id (the record’s id in the old system); Full name.'
		]);
		const refused = await start(manager, imp.id, true);
		expect(refused.status).toBe(422);
		expect((await refused.json()).detail).toMatch(/problems with the whole file/);

		// Changing the separator guesses the matching again, and the file then checks clean.
		const fixed = await api(server, manager)(`/api/v1/patient-imports/${imp.id}/mapping`, { method: 'PUT', json: { delimiter: ';', version: checked.version } });
		expect(fixed.status).toBe(200);
		expect((await fixed.json()).mapping['Patient ID']).toBe('sourceId');
		expect(await dryRun(manager, imp.id)).toMatchObject({ validRows: 5, errorRows: 0 });
	});

	it('a missing required column, reported in the reader’s language', async () => {
		const imp = await uploaded(manager, 'Name,Phone\r\nAsha Rao,9812345678\r\n', { sourceSystem: 'NoIds' });
		await dryRun(manager, imp.id);
		const english = await getImport(manager, imp.id);
		expect(english.report!.fileProblems).toEqual(['No column is matched to: Source id (the record’s id in the old system).']);
		const hindi = await getImport(manager, imp.id, { 'accept-language': 'hi' });
		expect(hindi.report!.fileProblems[0]).toMatch(/^इनसे कोई कॉलम नहीं मिलाया गया: स्रोत आईडी/);
		expect((await start(manager, imp.id, true)).status).toBe(422);
		expect(await countSource('NoIds')).toBe(0);
	});

	it('refuses a workbook, an oversized file and a request that is not multipart', async () => {
		const xlsx = await upload(manager, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), { sourceSystem: 'Excel' }, 'patients.xlsx');
		expect(xlsx.status).toBe(415);
		expect((await xlsx.json()).errors.file[0]).toMatch(/spreadsheet workbook, not CSV/);
		const big = await upload(manager, new Uint8Array(21 * 1024 * 1024).fill(0x41), { sourceSystem: 'Huge' });
		expect(big.status).toBe(413);
		expect((await big.json()).detail).toMatch(/larger than 20 MB/);
		const json = await api(server, manager)('/api/v1/patient-imports', { method: 'POST', json: { sourceSystem: 'x' } });
		expect(json.status).toBe(415);
	});
});

describe('a large file with bad rows', () => {
	const N = 50_000;
	const bad = new Map<number, 'date' | 'sex' | 'name' | 'phone' | 'duplicate'>([
		[7, 'date'],
		[1234, 'sex'],
		[20_000, 'name'],
		[33_333, 'phone'],
		[49_999, 'duplicate']
	]);
	let imp: PatientImportDto;

	it('the dry run reports every bad row by its row number, and writes nothing', { timeout: 180_000 }, async () => {
		imp = await uploaded(manager, legacyCsv(N, 'BIG', bad), { sourceSystem: 'BigSoft' });
		const before = await countPatients();
		const started = Date.now();
		const checked = await dryRun(manager, imp.id, 120_000);
		console.log(`dry run of ${N} rows: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		expect(checked).toMatchObject({ status: 'checked', totalRows: N, validRows: N - bad.size, errorRows: bad.size });
		// Row numbers as a spreadsheet shows them: the header is row 1, data row i is row i + 2.
		expect(checked.report!.issues.map((i) => [i.row, i.field])).toEqual([
			[9, 'dateOfBirth'],
			[1236, 'sex'],
			[20_002, 'fullName'],
			[33_335, 'phone'],
			[50_001, 'sourceId']
		]);
		expect(checked.report!.issues.map((i) => i.column)).toEqual(['DOB', 'Gender', 'Patient Name', 'Mobile No', 'Patient ID']);
		expect(checked.report!.issues[4]!.message).toBe('The same source id is already in row 2');
		expect(await countPatients()).toBe(before);
	});

	it('importing without the explicit choice is refused; with it, exactly the good rows are imported', { timeout: 180_000 }, async () => {
		const refused = await start(manager, imp.id);
		expect(refused.status).toBe(422);
		const problem = await refused.json();
		expect(problem.errors.goodRowsOnly[0]).toBe('The check found 5 rows with errors: correct the file, or choose to import only the rows without errors');
		expect((await getImport(manager, imp.id)).status).toBe('checked');

		expect((await start(manager, imp.id, true)).status).toBe(202);
		const done = await until(manager, imp.id, ['completed', 'failed'], 150_000);
		expect(done).toMatchObject({ status: 'completed', importedRows: N - bad.size, skippedRows: bad.size, goodRowsOnly: true });
		expect(await countSource('BigSoft')).toBe(N - bad.size);
		const badIds = await query(databaseUrl, "select source_id from patient where source_system = 'BigSoft' and source_id = any($1)", [['BIG-7', 'BIG-1234', 'BIG-20000', 'BIG-33333']]);
		expect(badIds).toEqual([]);
		// MRNs stay unique and gapless within the run.
		const [mrns] = await query(databaseUrl, "select count(distinct mrn)::int as n, max(substring(mrn from 5)::int) - min(substring(mrn from 5)::int) + 1 as span from patient where source_system = 'BigSoft'");
		expect(mrns).toEqual({ n: N - bad.size, span: N - bad.size });
	});
});

describe('running in the background', () => {
	it('sends progress to the importer’s socket only, and a cancel stops between batches keeping what was imported', { timeout: 180_000 }, async () => {
		const mine = await connectSocket(server, manager);
		const colleague = await connectSocket(server, admin);
		const elsewhere = await connectSocket(server, outsider);
		sockets.push(mine, colleague, elsewhere);
		const seen = record(mine, 'import.progress');
		const colleagueSeen = record(colleague, 'import.progress');
		const elsewhereSeen = record(elsewhere, 'import.progress');

		const N = 30_000;
		const imp = await uploaded(manager, legacyCsv(N, 'CAN'), { sourceSystem: 'CancelSoft' });
		await dryRun(manager, imp.id, 120_000);
		expect((await start(manager, imp.id)).status).toBe(202);
		await waitFor(() => seen.some((e) => e.import.id === imp.id && e.import.importedRows >= 1000), 60_000, 'two batches imported');
		const cancel = await api(server, manager)(`/api/v1/patient-imports/${imp.id}/cancel`, { method: 'POST' });
		expect(cancel.status).toBe(200);
		const done = await until(manager, imp.id, ['cancelled', 'completed', 'failed'], 60_000);
		expect(done.status).toBe('cancelled');
		expect(done.importedRows).toBeGreaterThanOrEqual(1000);
		expect(done.importedRows).toBeLessThan(N);
		expect(done.importedRows % 500).toBe(0);
		expect(done.report!.run).toMatchObject({ outcome: 'cancelled', imported: done.importedRows });
		expect(await countSource('CancelSoft')).toBe(done.importedRows);
		expect(storedFile(imp)).toBeNull();

		// Progress went to the importer: ever-growing counts, each a newer version, ending "cancelled".
		await waitFor(() => seen.some((e) => e.import.id === imp.id && e.import.status === 'cancelled'), 5000, 'the final event');
		const ours = seen.filter((e) => e.import.id === imp.id);
		expect(ours.length).toBeGreaterThan(3);
		// Delivery is at least once, so a repeat is allowed; going back in time is not.
		for (let i = 1; i < ours.length; i++) expect(ours[i]!.version).toBeGreaterThanOrEqual(ours[i - 1]!.version);
		expect(ours.some((e) => e.import.status === 'checking')).toBe(true);
		expect(JSON.stringify(ours)).not.toContain('Imported CAN');
		// Not to a colleague of the same hospital, nor anyone of another hospital.
		await sleep(300);
		expect(colleagueSeen).toEqual([]);
		expect(elsewhereSeen).toEqual([]);

		// An audit row for the cancelled run too; nothing left to cancel afterwards.
		const [audit] = await query(databaseUrl, "select after->>'outcome' as outcome, (after->>'imported')::int as imported from audit_event where action = 'patients.imported' and target_id = $1", [imp.id]);
		expect(audit).toEqual({ outcome: 'cancelled', imported: done.importedRows });
		expect((await api(server, manager)(`/api/v1/patient-imports/${imp.id}/cancel`, { method: 'POST' })).status).toBe(422);
	});

	it('imports are the importer’s hospital’s and branches’ only', async () => {
		const imp = await uploaded(manager, legacyCsv(2, 'PRIV'), { sourceSystem: 'Private' });
		expect((await api(server, outsider)(`/api/v1/patient-imports/${imp.id}`)).status).toBe(404);
		expect((await (await api(server, outsider)('/api/v1/patient-imports')).json()).imports).toEqual([]);
		expect((await api(server, reception)(`/api/v1/patient-imports/${imp.id}`)).status).toBe(403);
		// A Koramangala-only importer would not see an Indiranagar import; the hospital admin does.
		expect((await api(server, admin)(`/api/v1/patient-imports/${imp.id}`)).status).toBe(200);
	});

	it('an import left running by a server that died is marked failed, keeping its file to be run again', { timeout: 180_000 }, async () => {
		const imp = await uploaded(manager, legacyCsv(20, 'CRASH'), { sourceSystem: 'CrashSoft' });
		await dryRun(manager, imp.id);
		// As a killed process leaves it: "importing", with a heartbeat minutes old.
		await query(databaseUrl, "update patient_import set status = 'importing', updated_at = now() - interval '10 minutes' where id = $1", [imp.id]);
		await server.kill();
		server = await startServer({ databaseUrl, env: { DATA_DIR: dataDir } });
		manager = await login(server, 'manager@demo.skinspire.app');
		const failed = await until(manager, imp.id, ['failed'], 20_000);
		expect(failed.report!.run).toMatchObject({ outcome: 'failed' });
		expect(storedFile(imp)).not.toBeNull();
		// Checked and started again, it finishes the job.
		await dryRun(manager, imp.id);
		await start(manager, imp.id);
		expect(await until(manager, imp.id, ['completed'])).toMatchObject({ importedRows: 20 });
	});
});

describe('speed', () => {
	it('imports 10,000 rows in well under a minute', { timeout: 180_000 }, async () => {
		const imp = await uploaded(manager, legacyCsv(10_000, 'FAST'), { sourceSystem: 'FastSoft' });
		await dryRun(manager, imp.id, 120_000);
		const started = Date.now();
		expect((await start(manager, imp.id)).status).toBe(202);
		const done = await until(manager, imp.id, ['completed', 'failed'], 120_000);
		const seconds = (Date.now() - started) / 1000;
		console.log(`imported 10,000 rows in ${seconds.toFixed(1)} s (server's own count: ${done.report!.run!.seconds} s)`);
		expect(done.importedRows).toBe(10_000);
		expect(seconds).toBeLessThan(60);
	});
});

describe('exporting patients', () => {
	it('is refused without patients:export', async () => {
		const res = await api(server, reception)('/api/v1/patients/export.csv');
		expect(res.status).toBe(403);
	});

	it('streams every patient of the hospital as CSV, audited with the count only', { timeout: 120_000 }, async () => {
		const started = Date.now();
		const res = await api(server, manager)('/api/v1/patients/export.csv');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="skinspire-patients-\d{4}-\d{2}-\d{2}\.csv"$/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		// A BOM first, so spreadsheets read the names as UTF-8.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes);
		console.log(`exported ${res.headers.get('x-row-count')} patients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		const records = parseCsv(text, ',').records.map((r) => r.cells);
		const lines = text.split('\r\n').filter(Boolean);
		const [{ n }] = (await query<{ n: number }>(databaseUrl, "select count(*)::int as n from patient where hospital_id = (select hospital_id from app_user where email = 'manager@demo.skinspire.app')")) as [{ n: number }];
		// Records, not lines: an address may hold a new line inside its quotes.
		expect(records.length - 1).toBe(n);
		expect(res.headers.get('x-row-count')).toBe(String(n));
		expect(lines[0]!.startsWith('mrn,full_name,')).toBe(true);
		const person = lines.find((l) => l.includes('Imported GOOD Person5,'))!;
		// In full for a reader of sensitive data; the phone defused so a spreadsheet never runs it.
		expect(person).toContain("'+919100000065");
		expect(person).toContain('Penicillin: mild; Latex: severe');

		const [audit] = await query(databaseUrl, "select after::text as after from audit_event where action = 'patients.exported' order by occurred_at desc limit 1");
		expect(JSON.parse(audit!.after)).toEqual({ rows: n, masked: false });
	});

	it('masks what the reader may not see, and imports into another hospital as it is', async () => {
		// The other hospital imports the first one's export (the MRN becomes the source id there)…
		const full = await (await api(server, manager)('/api/v1/patients/export.csv')).text();
		const sample = full.split('\r\n').filter((l, i) => i === 0 || l.includes('Imported GOOD Person')).join('\r\n');
		const imp = await uploaded(outsider, sample, { sourceSystem: 'SkinSpire IND' });
		expect(imp.mapping).toMatchObject({ mrn: 'sourceId', full_name: 'fullName', date_of_birth: 'dateOfBirth', phone: 'phone', allergies: 'allergies' });
		const checked = await dryRun(outsider, imp.id);
		expect(checked).toMatchObject({ totalRows: 40, validRows: 40, errorRows: 0 });
		await start(outsider, imp.id);
		await until(outsider, imp.id, ['completed']);
		// …and its export, without patients:read-sensitive, is masked.
		const theirs = await (await api(server, outsider)('/api/v1/patients/export.csv')).text();
		const line = theirs.split('\r\n').find((l) => l.includes('Imported GOOD Person5,'))!;
		expect(line).toContain('•••••• 0065');
		expect(line).not.toContain('9100000065');
		expect(line).not.toContain('Penicillin');
		expect(theirs).not.toContain('Imported BIG');
	});
});
