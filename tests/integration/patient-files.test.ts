import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { createDatabase, query } from '../support/database.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { api, connectSocket, login, record, sleep, waitFor, type Session, type TestSocket } from '../support/clients.ts';
import { asUndecodableHeic, cameraImage, latin1 } from '../../src/lib/server/patients/files/test-images.ts';
import type { PatientFileDto } from '../../src/lib/shared/patients/patient-files.schema.ts';

/**
 * Documents and clinical photos against the real server: what is accepted (by content), what is
 * stored (encrypted, without location), who may see it, what is audited and who hears of it live.
 * The server runs with a 1 MB upload limit so the limit can be tested cheaply.
 */
const MB = 1024 * 1024;
let server: TestServer;
let databaseUrl: string;
let dataDir: string;
let doctor: Session;
let reception: Session;
let manager: Session;
const patients: Record<'consenting' | 'noPhotos' | 'marketing', string> = { consenting: '', noPhotos: '', marketing: '' };

beforeAll(async () => {
	databaseUrl = await createDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-files-'));
	server = await startServer({ databaseUrl, env: { UPLOAD_MAX_MB: '1', DATA_DIR: dataDir } });
	[doctor, reception, manager] = await Promise.all([login(server, 'doctor@demo.skinspire.app'), login(server, 'reception@demo.skinspire.app'), login(server, 'manager@demo.skinspire.app')]);
	const register = async (fullName: string, phone: string, consents: object) => {
		const res = await api(server, doctor)('/api/v1/patients', { method: 'POST', json: { fullName, sex: 'female', phone, consents } });
		expect(res.status).toBe(201);
		return ((await res.json()) as { id: string }).id;
	};
	patients.consenting = await register('Anjali Menon', '9812300001', { photography: true, marketing: false });
	patients.noPhotos = await register('Farah Khan', '9812300002', { photography: false, marketing: false });
	patients.marketing = await register('Meera Iyer', '9812300003', { photography: true, marketing: true });
});
afterAll(async () => {
	await server?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

function upload(session: Pick<Session, 'cookie'>, patientId: string, file: { name: string; bytes: Uint8Array; type?: string }, fields: Record<string, string> = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	form.set('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? 'application/octet-stream' }));
	return api(server, session)(`/api/v1/patients/${patientId}/documents`, { method: 'POST', body: form });
}

const photoFields = { kind: 'photo', bodyArea: 'Left cheek', view: 'left', takenOn: '2026-01-10', treatmentSession: 'Peel 1', phase: 'before' };
const pdf = (size = 400) => {
	const bytes = new Uint8Array(size).fill(0x20);
	bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
	bytes.set(new TextEncoder().encode('\n%%EOF\n'), size - 7);
	return bytes;
};
const storedFiles = () => (fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);
const rowCount = async () => Number((await query<{ n: string }>(databaseUrl, 'select count(*) as n from patient_file'))[0]!.n);
const auditCount = async (action: string, fileId: string) =>
	Number((await query<{ n: string }>(databaseUrl, "select count(*) as n from audit_event where action = $1 and after->>'fileId' = $2", [action, fileId]))[0]!.n);

describe('uploading', () => {
	it('stores a JPEG photo encrypted and without its GPS position, and serves it back safely', async () => {
		const original = await cameraImage('jpeg', { width: 900, height: 600 });
		expect(latin1(original)).toContain('PhoneCo');
		expect((await sharp(original).metadata()).exif).toBeDefined();
		const res = await upload(doctor, patients.consenting, { name: 'IMG_2041.jpg', bytes: original, type: 'image/jpeg' }, photoFields);
		expect(res.status).toBe(201);
		const file = (await res.json()) as PatientFileDto;
		expect(file).toMatchObject({ kind: 'photo', contentType: 'image/jpeg', fileName: 'IMG_2041.jpg', bodyArea: 'Left cheek', view: 'left', takenOn: '2026-01-10', treatmentSession: 'Peel 1', phase: 'before', uploadedBy: { name: 'Dr Kavya Rao' } });
		expect(file.thumbnailUrl).toBe(`/api/v1/patients/${patients.consenting}/documents/${file.id}/thumbnail`);

		const download = await api(server, doctor)(file.contentUrl);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('image/jpeg');
		expect(download.headers.get('content-disposition')).toBe(`attachment; filename="IMG_2041.jpg"; filename*=UTF-8''IMG_2041.jpg`);
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		expect(download.headers.get('cache-control')).toBe('private, no-store');
		const served = new Uint8Array(await download.arrayBuffer());
		expect(latin1(served)).not.toMatch(/PhoneCo|Dr Secret|XMPSECRET/);
		const meta = await sharp(served).metadata();
		expect(meta.exif).toBeUndefined();
		expect([meta.width, meta.height]).toEqual([900, 600]);
		expect(createHash('sha256').update(served).digest('hex')).toBe(file.sha256);
		expect(file.byteSize).toBe(served.length);

		// On disk: under DATA_DIR/files/<hospital>/<patient>/<file>, and not a JPEG at all.
		const [row] = await query<{ storage_key: string; hospital_id: string }>(databaseUrl, 'select storage_key, hospital_id from patient_file where id = $1', [file.id]);
		expect(row!.storage_key).toBe(`${row!.hospital_id}/${patients.consenting}/${file.id}`);
		const onDisk = fs.readFileSync(path.join(dataDir, 'files', row!.storage_key));
		expect(onDisk.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
		expect(onDisk.includes(Buffer.from(served.subarray(100, 164)))).toBe(false);
		expect(fs.existsSync(path.join(dataDir, 'files', `${row!.storage_key}-thumb`))).toBe(true);

		const thumbnail = await api(server, doctor)(file.thumbnailUrl!);
		expect(thumbnail.headers.get('content-type')).toBe('image/webp');
		expect(thumbnail.headers.get('content-disposition')).toMatch(/^inline; /);
		expect(thumbnail.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		const thumb = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
		expect([thumb.width, thumb.height, thumb.exif]).toEqual([320, 213, undefined]);
	});

	it('accepts PNG, WebP and PDF documents, each by its content', async () => {
		for (const [name, bytes, type] of [
			['scan.png', await cameraImage('png'), 'image/png'],
			['scan.webp', await cameraImage('webp'), 'image/webp'],
			['Referral letter.pdf', pdf(), 'application/pdf']
		] as const) {
			const res = await upload(doctor, patients.consenting, { name, bytes }, { title: `Letter ${name}` });
			expect(res.status, name).toBe(201);
			const file = (await res.json()) as PatientFileDto;
			expect(file).toMatchObject({ kind: 'document', contentType: type, fileName: name, title: `Letter ${name}`, bodyArea: null, phase: null });
			expect(file.thumbnailUrl === null).toBe(type === 'application/pdf');
			const back = new Uint8Array(await (await api(server, doctor)(file.contentUrl)).arrayBuffer());
			expect(latin1(back)).not.toContain('PhoneCo');
		}
	});

	it('keeps an HEIC photo without its metadata, with no thumbnail when this server cannot decode it', async () => {
		const heic = asUndecodableHeic(await cameraImage('avif'));
		const res = await upload(doctor, patients.consenting, { name: 'IMG_0001.HEIC', bytes: heic }, photoFields);
		expect(res.status).toBe(201);
		const file = (await res.json()) as PatientFileDto;
		expect(file).toMatchObject({ contentType: 'image/heic', thumbnailUrl: null });
		const back = new Uint8Array(await (await api(server, doctor)(file.contentUrl)).arrayBuffer());
		expect(back.length).toBe(heic.length);
		expect(latin1(back)).not.toContain('PhoneCo');
		expect((await api(server, doctor)(`${file.contentUrl}?disposition=inline`)).status).toBe(415);
	});

	it('refuses what is not an accepted type, whatever its name or stated type, and stores nothing', async () => {
		const rows = await rowCount();
		const files = storedFiles();
		const html = await upload(doctor, patients.consenting, { name: 'photo.jpg', bytes: new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>'), type: 'image/jpeg' }, photoFields);
		expect(html.status).toBe(415);
		expect(html.headers.get('content-type')).toBe('application/problem+json');
		const problem = await html.json();
		expect(problem).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
		expect(problem.detail).toBe('“photo.jpg” is not a JPEG, PNG, WebP or HEIC picture or a PDF (judged by its content, not its name), so it was not stored');
		const svg = await upload(doctor, patients.consenting, { name: 'chart.svg', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), type: 'image/svg+xml' });
		expect(svg.status).toBe(415);
		const zip = await upload(doctor, patients.consenting, { name: 'notes.pdf', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(60)]) });
		expect(zip.status).toBe(415);
		// A PDF is a document, never a photo; an image that only starts like one is damaged.
		const pdfPhoto = await upload(doctor, patients.consenting, { name: 'x.pdf', bytes: pdf() }, photoFields);
		expect([pdfPhoto.status, (await pdfPhoto.json()).detail]).toEqual([415, 'A photo must be a JPEG, PNG, WebP or HEIC picture; add a PDF as a document']);
		const broken = await upload(doctor, patients.consenting, { name: 'half.png', bytes: (await cameraImage('png')).subarray(0, 60) });
		expect(broken.status).toBe(415);
		// Not multipart at all.
		const json = await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents`, { method: 'POST', json: { file: 'aGVsbG8=' } });
		expect([json.status, (await json.json()).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
		expect(await rowCount()).toBe(rows);
		expect(storedFiles()).toBe(files);
	});

	it('refuses a file one byte over the limit with 413 and stores nothing; exactly at the limit is fine', async () => {
		const rows = await rowCount();
		const files = storedFiles();
		const over = await upload(doctor, patients.consenting, { name: 'big.pdf', bytes: pdf(MB + 1) });
		expect(over.status).toBe(413);
		expect(await over.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than 1 MB; nothing was stored', errors: { file: ['Choose a file of at most 1 MB'] } });
		expect(await rowCount()).toBe(rows);
		expect(storedFiles()).toBe(files);

		// Sent in chunks without a Content-Length: stopped while it streams, still a 413.
		const boundary = 'streamed-upload';
		const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stream.pdf"\r\n\r\n%PDF-1.7\n`);
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent === 0) controller.enqueue(head);
				else if (sent > 4 * MB) return controller.close();
				else controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
				sent += sent === 0 ? 1 : 64 * 1024;
			}
		});
		const streamed = await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents`, {
			method: 'POST',
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(streamed.status).toBe(413);
		expect(await rowCount()).toBe(rows);

		const atLimit = await upload(doctor, patients.consenting, { name: 'exact.pdf', bytes: pdf(MB) });
		expect(atLimit.status).toBe(201);
		expect((await atLimit.json()).byteSize).toBe(MB);
	});

	it('cleans file names: no folders, no control characters, an extension that matches the content', async () => {
		const png = await cameraImage('png');
		const names: [string, string][] = [
			['../../etc/passwd', 'passwd.png'],
			['..\\..\\windows\\win.ini', 'win.ini.png'],
			['evil\u0007\u001b[31mname.png', 'evil[31mname.png'],
			['invoice\u202Egnp.exe', 'invoicegnp.exe.png']
		];
		for (const [sent, stored] of names) {
			const res = await upload(doctor, patients.consenting, { name: sent, bytes: png });
			expect(res.status, sent).toBe(201);
			const file = (await res.json()) as PatientFileDto;
			expect(file.fileName, sent).toBe(stored);
			const disposition = (await api(server, doctor)(file.contentUrl)).headers.get('content-disposition')!;
			expect(disposition).toMatch(/^attachment; filename="[^"/\\]+"; filename\*=UTF-8''[\w%.!~-]+$/);
		}
		// Nothing was written outside the patient's own folder.
		expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
		expect(fs.existsSync(path.join(dataDir, 'files', 'etc'))).toBe(false);
	});

	it('refuses a photo without the clinical-photography consent, with the reason', async () => {
		const rows = await rowCount();
		const res = await upload(doctor, patients.noPhotos, { name: 'face.jpg', bytes: await cameraImage('jpeg') }, photoFields);
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({
			code: 'UNPROCESSABLE',
			detail: 'This patient has not agreed to clinical photography; record their consent before adding photos',
			errors: { kind: ['No clinical-photography consent on record'] }
		});
		expect(await rowCount()).toBe(rows);
		// A document for the same patient needs no such consent.
		expect((await upload(doctor, patients.noPhotos, { name: 'lab.pdf', bytes: pdf() })).status).toBe(201);
	});

	it('refuses bad details field by field (422), and unknown fields', async () => {
		const jpeg = await cameraImage('jpeg');
		const res = await upload(doctor, patients.consenting, { name: 'a.jpg', bytes: jpeg }, { kind: 'photo', view: 'sideways', takenOn: '2999-01-01', phase: 'during', extra: 'x' });
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.code).toBe('UNPROCESSABLE');
		expect(problem.errors).toEqual({
			bodyArea: ['Say which body area the photo shows (up to 60 characters)'],
			view: ['Choose the view: front, left, right, back, close-up or other'],
			takenOn: ['The date taken cannot be in the future'],
			phase: ['Choose before or after'],
			extra: ['This field is not accepted here; leave it out']
		});
		const noFile = await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents`, { method: 'POST', body: (() => { const f = new FormData(); f.set('kind', 'document'); return f; })() });
		expect([noFile.status, (await noFile.json()).errors]).toEqual([422, { file: ['Choose a file'] }]);
	});

	it('works for an app with an API token and no Origin header, in Hindi when asked', async () => {
		const created = await api(server, doctor)('/api/v1/me/tokens', { method: 'POST', json: { name: 'Clinic tablet', expiresInDays: 1, permissions: ['patients:read', 'patients:read-sensitive', 'patients:write'] } });
		const { token } = (await created.json()) as { token: string };
		const form = new FormData();
		form.set('kind', 'photo');
		form.set('bodyArea', 'Forehead');
		form.set('file', new File([(await cameraImage('webp')) as Uint8Array<ArrayBuffer>], 'tablet.webp'));
		const res = await fetch(`${server.url}/api/v1/patients/${patients.consenting}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ bodyArea: 'Forehead', view: 'front', phase: null, takenOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
		const hindi = await fetch(`${server.url}/api/v1/patients/${patients.noPhotos}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'accept-language': 'hi' }, body: form });
		expect(hindi.status).toBe(422);
		expect((await hindi.json()).detail).toBe('इस मरीज़ ने क्लिनिकल फ़ोटोग्राफ़ी की सहमति नहीं दी है; फ़ोटो जोड़ने से पहले उनकी सहमति दर्ज करें');
	});
});

describe('who may see what', () => {
	let photo: PatientFileDto;
	beforeAll(async () => {
		photo = (await (await upload(doctor, patients.marketing, { name: 'after.jpg', bytes: await cameraImage('jpeg') }, { ...photoFields, phase: 'after' })).json()) as PatientFileDto;
	});

	it('lists by kind, newest photo first, for readers of sensitive data', async () => {
		const list = await (await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents?kind=photo`)).json();
		expect(list.uploadMaxBytes).toBe(MB);
		expect(list.items.length).toBeGreaterThanOrEqual(2);
		expect(list.items.every((f: PatientFileDto) => f.kind === 'photo')).toBe(true);
		const documents = await (await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents?kind=document`)).json();
		expect(documents.items.map((f: PatientFileDto) => f.fileName)).toContain('Referral letter.pdf');
		expect((await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents?kind=video`)).status).toBe(400);
	});

	it('reception (no patients:read-sensitive) can neither list, open nor add files', async () => {
		const base = `/api/v1/patients/${patients.marketing}/documents`;
		for (const url of [base, `${base}/${photo.id}/content`, `${base}/${photo.id}/thumbnail`]) {
			const res = await api(server, reception)(url);
			expect(res.status, url).toBe(403);
		}
		const add = await upload(reception, patients.marketing, { name: 'x.jpg', bytes: await cameraImage('jpeg') }, photoFields);
		expect(add.status).toBe(403);
		expect((await add.json()).detail).toBe('Adding documents and photos needs permission to edit patients and to read sensitive patient data');
	});

	it("another hospital's patient, and another patient's file, do not exist", async () => {
		const [h] = await query(databaseUrl, "insert into hospital (id, name, is_demo, created_at) values (gen_random_uuid(), 'Elsewhere', true, now()) returning id");
		const [b] = await query(databaseUrl, "insert into branch (id, hospital_id, name, code, time_zone, opening_hours, created_at) values (gen_random_uuid(), $1, 'Far', 'FAR', 'Asia/Kolkata', '{}', now()) returning id", [h!.id]);
		const [p] = await query(
			databaseUrl,
			"insert into patient (id, hospital_id, mrn, registered_at_branch_id, full_name, sex, consent_photography, created_at, updated_at) values (gen_random_uuid(), $1, 'FAR-000001', $2, 'Foreign', 'male', true, now(), now()) returning id",
			[h!.id, b!.id]
		);
		const foreign = `/api/v1/patients/${p!.id}/documents`;
		expect((await api(server, doctor)(foreign)).status).toBe(404);
		expect((await upload(doctor, p!.id, { name: 'x.jpg', bytes: await cameraImage('jpeg') }, photoFields)).status).toBe(404);
		expect((await api(server, doctor)(`${foreign}/${photo.id}/content`)).status).toBe(404);
		// The right file under the wrong patient is not found either.
		expect((await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents/${photo.id}/content`)).status).toBe(404);
		expect((await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents/not-an-id/content`)).status).toBe(404);
	});

	it('audits every download and every view, naming the file', async () => {
		const before = await auditCount('patient.file_downloaded', photo.id);
		for (let i = 0; i < 3; i++) expect((await api(server, doctor)(photo.contentUrl)).status).toBe(200);
		expect(await auditCount('patient.file_downloaded', photo.id)).toBe(before + 3);
		const view = await api(server, doctor)(`${photo.contentUrl}?disposition=inline`);
		expect(view.headers.get('content-disposition')).toMatch(/^inline; /);
		expect(await auditCount('patient.file_viewed', photo.id)).toBe(1);
		const listed = await query(databaseUrl, "select actor_label, after from audit_event where action = 'patient.files_listed' and target_id = $1", [patients.consenting]);
		expect(listed.length).toBeGreaterThan(0);
	});

	it('exports a photo for marketing only with the marketing consent and patients:export, auditing each attempt', async () => {
		// The doctor may not export.
		const doctorTry = await api(server, doctor)(`${photo.contentUrl.replace(/content$/, 'marketing-export')}`);
		expect(doctorTry.status).toBe(403);
		// No marketing consent: refused with the reason.
		const noConsent = (await (await upload(doctor, patients.consenting, { name: 'b.jpg', bytes: await cameraImage('jpeg') }, photoFields)).json()) as PatientFileDto;
		const refused = await api(server, manager)(noConsent.contentUrl.replace(/content$/, 'marketing-export'));
		expect(refused.status).toBe(422);
		expect((await refused.json()).detail).toBe('This patient has not agreed to marketing use of their photos; the photo was not exported');
		// Consent and permission: an attachment.
		const exported = await api(server, manager)(photo.contentUrl.replace(/content$/, 'marketing-export'));
		expect(exported.status).toBe(200);
		expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="marketing-after\.jpg"/);
		expect(exported.headers.get('x-content-type-options')).toBe('nosniff');
		expect(latin1(new Uint8Array(await exported.arrayBuffer()))).not.toContain('PhoneCo');
		const audit = await query<{ action: string; actor_label: string; reason: string | null; file_id: string }>(
			databaseUrl,
			"select action, actor_label, after->>'reason' as reason, after->>'fileId' as file_id from audit_event where action like 'patient.file_marketing%' order by id"
		);
		expect(audit).toEqual([
			{ action: 'patient.file_marketing_export_refused', actor_label: 'Dr Kavya Rao', reason: 'permission', file_id: photo.id },
			{ action: 'patient.file_marketing_export_refused', actor_label: manager.me.user.name, reason: 'no-marketing-consent', file_id: noConsent.id },
			{ action: 'patient.file_marketing_exported', actor_label: manager.me.user.name, reason: null, file_id: photo.id }
		]);
	});
});

describe('live gallery', () => {
	it('a second viewer of the chart hears of an added and a removed photo; masked viewers and outsiders hear nothing', async () => {
		const watcher = await connectSocket(server, manager);
		const masked = await connectSocket(server, reception);
		const outsider = await connectSocket(server, doctor);
		const seen = record(watcher, 'patient.files-changed');
		const maskedSeen = record(masked, 'patient.files-changed');
		const outsiderSeen = record(outsider, 'patient.files-changed');
		expect((await watcher.emitWithAck('patient:watch', { patientId: patients.consenting })).ok).toBe(true);
		expect((await masked.emitWithAck('patient:watch', { patientId: patients.consenting })).ok).toBe(true);
		// The outsider has another chart open.
		expect((await outsider.emitWithAck('patient:watch', { patientId: patients.noPhotos })).ok).toBe(true);

		// A refused upload is not announced.
		expect((await upload(doctor, patients.consenting, { name: 'x.svg', bytes: new TextEncoder().encode('<svg/>') })).status).toBe(415);
		const added = (await (await upload(doctor, patients.consenting, { name: 'live.jpg', bytes: await cameraImage('jpeg') }, photoFields)).json()) as PatientFileDto;
		await waitFor(() => seen.length === 1, 3000, 'the watcher to hear of the upload');
		expect(seen[0]).toMatchObject({ patientId: patients.consenting, change: 'added', file: { id: added.id, kind: 'photo', bodyArea: 'Left cheek' }, by: { name: 'Dr Kavya Rao' } });

		expect((await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents/${added.id}`, { method: 'DELETE' })).status).toBe(204);
		await waitFor(() => seen.length === 2, 3000, 'the watcher to hear of the removal');
		expect(seen[1]).toMatchObject({ change: 'removed', file: { id: added.id }, version: 2 });
		await sleep(300);
		expect(maskedSeen).toEqual([]);
		expect(outsiderSeen).toEqual([]);

		// Gone from the chart, kept in the table, audited; removing it again finds nothing.
		const list = await (await api(server, manager)(`/api/v1/patients/${patients.consenting}/documents?kind=photo`)).json();
		expect(list.items.map((f: PatientFileDto) => f.id)).not.toContain(added.id);
		expect((await api(server, manager)(added.contentUrl)).status).toBe(404);
		const [row] = await query(databaseUrl, 'select deleted_at is not null as deleted, deleted_by_id from patient_file where id = $1', [added.id]);
		expect(row).toEqual({ deleted: true, deleted_by_id: doctor.me.user.id });
		expect(await auditCount('patient.file_removed', added.id)).toBe(1);
		expect((await api(server, doctor)(`/api/v1/patients/${patients.consenting}/documents/${added.id}`, { method: 'DELETE' })).status).toBe(404);
		for (const s of [watcher, masked, outsider] as TestSocket[]) s.disconnect();
	});

	it('the event never reaches a socket that is not watching the chart', async () => {
		const bystander = await connectSocket(server, manager);
		const heard = record(bystander, 'patient.files-changed');
		expect((await upload(doctor, patients.consenting, { name: 'quiet.pdf', bytes: pdf() })).status).toBe(201);
		await sleep(400);
		expect(heard).toEqual([]);
		bystander.disconnect();
	});
});
