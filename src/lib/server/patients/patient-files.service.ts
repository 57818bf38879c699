import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canAnywhere, type Actor } from '../../shared/access/actor.ts';
import {
	PHOTO_TYPES,
	VIEWABLE_TYPES,
	ZListPatientFilesQuery,
	ZUploadPatientFileInput,
	type PatientFileDto,
	type PatientFileType
} from '../../shared/patients/patient-files.schema.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { msg } from '../../shared/i18n/translate.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, isDomainError, parseInput } from '../errors/domain-error.ts';
import type { FileStore } from '../files/file-store.ts';
import { OutboxBatch, type PayloadSealer } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { detectFileType } from './files/content-type.ts';
import { cleanFileName } from './files/file-name.ts';
import { DamagedImageError, prepareFile } from './files/images.ts';
import { isUuid } from '../../shared/ids.ts';


type Meta = SessionMeta & { branchId?: string };

export interface UploadedFile {
	/** The name the client gave (cleaned before it is stored). */
	fileName: string;
	bytes: Uint8Array;
}

interface FileRow {
	id: string;
	patient_id: string;
	kind: 'document' | 'photo';
	content_type: PatientFileType;
	file_name: string;
	byte_size: number;
	sha256: string;
	storage_key: string;
	thumbnail_key: string | null;
	title: string | null;
	body_area: string | null;
	view: PatientFileDto['view'];
	taken_on: string | null;
	treatment_session: string | null;
	phase: PatientFileDto['phase'];
	uploaded_by_id: string;
	uploaded_by_name: string;
	created_at: Date;
	version: number;
}

const FILE_SELECT = `select f.id, f.patient_id, f.kind, f.content_type, f.file_name, f.byte_size, f.sha256, f.storage_key, f.thumbnail_key,
	f.title, f.body_area, f.view, to_char(f.taken_on, 'YYYY-MM-DD') as taken_on, f.treatment_session, f.phase,
	f.uploaded_by_id, u.name as uploaded_by_name, f.created_at, f.version
	from patient_file f join app_user u on u.id = f.uploaded_by_id`;

function toDto(r: FileRow): PatientFileDto {
	const base = `/api/v1/patients/${r.patient_id}/documents/${r.id}`;
	return {
		id: r.id,
		patientId: r.patient_id,
		kind: r.kind,
		contentType: r.content_type,
		fileName: r.file_name,
		byteSize: r.byte_size,
		sha256: r.sha256,
		title: r.title,
		bodyArea: r.body_area,
		view: r.view,
		takenOn: r.taken_on,
		treatmentSession: r.treatment_session,
		phase: r.phase,
		uploadedBy: { id: r.uploaded_by_id, name: r.uploaded_by_name },
		createdAt: new Date(r.created_at).toISOString(),
		version: r.version,
		contentUrl: `${base}/content`,
		thumbnailUrl: r.thumbnail_key ? `${base}/thumbnail` : null
	};
}

function patientNotFound(): DomainError {
	return new DomainError('NOT_FOUND', msg('patients.errors.notFound'));
}

function fileNotFound(): DomainError {
	return new DomainError('NOT_FOUND', msg('files.errors.notFound'));
}

/** What a refused upload says, in megabytes as the operator configured it. */
export function uploadTooLarge(maxBytes: number): DomainError {
	const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
	return new DomainError('PAYLOAD_TOO_LARGE', msg('files.errors.tooLarge', { megabytes }), { fields: { file: [msg('files.errors.tooLargeField', { megabytes })] } });
}

/** One unprocessable-metadata error, field by field (the upload's fields are a form, not JSON). */
function parseMeta(fields: Record<string, string>) {
	try {
		return parseInput(ZUploadPatientFileInput, fields);
	} catch (e) {
		if (isDomainError(e) && e.code === 'VALIDATION_FAILED') throw new DomainError('UNPROCESSABLE', e.msg, { fields: e.fields });
		throw e;
	}
}

export type FileContent = { bytes: Uint8Array; contentType: string; fileName: string };

/**
 * Documents and clinical photos of a patient. Everything here is clinical data: seeing any of it
 * needs patients:read-sensitive, adding it also patients:write, removing it patients:write. The
 * bytes are stored encrypted (the file store seals each file under the patient-data keys); the
 * table holds what to show and where the bytes are.
 */
export function createPatientFilesService({ orm, config, afterCommit, logger, files, sealer, now = Date.now }: ServiceDeps & { files: FileStore; sealer: PayloadSealer }) {
	const sensitive = (actor: Actor) => canAnywhere(actor, 'patients:read-sensitive');
	/** Today where the actor works (a photo taken after midnight in India is not yesterday's). */
	const today = (actor: Actor) => new Intl.DateTimeFormat('en-CA', { timeZone: actor.branches[0]?.timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now());

	function requireSee(actor: Actor) {
		if (!canAnywhere(actor, 'patients:read') || !sensitive(actor)) throw new DomainError('FORBIDDEN', msg('files.errors.needsSensitive'));
	}
	function requireUpload(actor: Actor) {
		if (!canAnywhere(actor, 'patients:write') || !sensitive(actor)) throw new DomainError('FORBIDDEN', msg('files.errors.needsUpload'));
	}

	async function loadPatient(em: EntityManager, actor: Actor, patientId: string, lock = false) {
		if (!isUuid(patientId)) throw patientNotFound();
		const [row] = await em.execute<{ id: string; consent_photography: boolean; consent_marketing: boolean }[]>(
			`select id, consent_photography, consent_marketing from patient where id = ? and hospital_id = ?${lock ? ' for share' : ''}`,
			[patientId, actor.hospitalId]
		);
		if (!row) throw patientNotFound();
		return row;
	}

	async function loadFile(em: EntityManager, actor: Actor, patientId: string, fileId: string, lock = false): Promise<FileRow> {
		if (!isUuid(fileId)) throw fileNotFound();
		const [row] = await em.execute<FileRow[]>(
			`${FILE_SELECT} where f.id = ? and f.patient_id = ? and f.hospital_id = ? and f.deleted_at is null${lock ? ' for update of f' : ''}`,
			[fileId, patientId, actor.hospitalId]
		);
		if (!row) throw fileNotFound();
		return row;
	}

	const audit = (em: EntityManager, actor: Actor, meta: Meta, action: string, patientId: string, after?: unknown) =>
		appendAudit(em, {
			hospitalId: actor.hospitalId,
			branchId: meta.branchId ?? null,
			actorUserId: actor.userId,
			actorLabel: actor.name,
			action,
			targetType: 'patient',
			targetId: patientId,
			after,
			ip: meta.ip,
			userAgent: meta.userAgent
		});

	async function announce(em: EntityManager, outbox: OutboxBatch, actor: Actor, change: 'added' | 'removed', row: FileRow) {
		const file = toDto(row);
		// Only charts opened with patients:read-sensitive: the masked room never learns of files.
		await outbox.broadcastSealed(em, sealer, rooms.patient(row.patient_id, true), 'patient.files-changed', {
			patientId: row.patient_id,
			change,
			file,
			version: file.version,
			by: { id: actor.userId, name: actor.name }
		});
	}

	return {
		/** The largest file accepted, in bytes (the HTTP layer stops reading a body past it). */
		maxBytes: config.uploadMaxBytes,

		/**
		 * The checks that need no body: may this actor add files to this patient at all? The API
		 * calls it before it reads a possibly large upload.
		 */
		async assertCanUpload(actor: Actor, patientId: string): Promise<void> {
			requireUpload(actor);
			await loadPatient(orm.em.fork(), actor, patientId);
		},

		async upload(actor: Actor, patientId: string, input: { fields: Record<string, string>; file: UploadedFile | null }, meta: Meta = {}): Promise<PatientFileDto> {
			requireUpload(actor);
			const patient = await loadPatient(orm.em.fork(), actor, patientId);
			const data = parseMeta(input.fields);
			if (data.kind === 'photo' && !patient.consent_photography) {
				throw new DomainError('UNPROCESSABLE', msg('files.errors.noPhotoConsent'), { fields: { kind: [msg('files.errors.noPhotoConsentField')] } });
			}
			const file = input.file;
			if (!file || !file.bytes.length) throw new DomainError('UNPROCESSABLE', msg('files.errors.noFile'), { fields: { file: [msg('files.errors.chooseFile')] } });
			if (file.bytes.length > config.uploadMaxBytes) throw uploadTooLarge(config.uploadMaxBytes);

			const type = detectFileType(file.bytes);
			if (!type) {
				throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('files.errors.type', { name: file.fileName.slice(0, 80) }), { fields: { file: [msg('files.errors.typeHint')] } });
			}
			if (data.kind === 'photo' && !(PHOTO_TYPES as readonly string[]).includes(type)) {
				throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('files.errors.photoType'), { fields: { file: [msg('files.errors.photoTypeHint')] } });
			}
			let prepared: Awaited<ReturnType<typeof prepareFile>>;
			try {
				prepared = await prepareFile(type, file.bytes);
			} catch (e) {
				if (e instanceof DamagedImageError) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('files.errors.damaged'), { fields: { file: [msg('files.errors.damagedHint')] } });
				throw e;
			}

			const id = randomUUID();
			const storageKey = `${actor.hospitalId}/${patientId}/${id}`;
			const thumbnailKey = prepared.thumbnail ? `${storageKey}-thumb` : null;
			const fileName = cleanFileName(file.fileName, type);
			const sha256 = createHash('sha256').update(prepared.bytes).digest('hex');
			const photo = data.kind === 'photo' ? data : null;
			const outbox = new OutboxBatch();
			try {
				// Bytes first, then the row: a row never points at nothing. If the row is not
				// written, the bytes are removed again.
				await files.put(storageKey, prepared.bytes);
				if (thumbnailKey && prepared.thumbnail) await files.put(thumbnailKey, prepared.thumbnail);
				const row = await orm.em.fork().transactional(async (em) => {
					// Consent is read again under a share lock, so a withdrawal in the meantime wins.
					const current = await loadPatient(em, actor, patientId, true);
					if (photo && !current.consent_photography) throw new DomainError('UNPROCESSABLE', msg('files.errors.noPhotoConsent'), { fields: { kind: [msg('files.errors.noPhotoConsentField')] } });
					await em.execute(
						`insert into patient_file (id, hospital_id, patient_id, kind, content_type, file_name, byte_size, sha256, storage_key, thumbnail_key,
						   body_area, view, taken_on, treatment_session, phase, title, uploaded_by_id, created_at, version)
						 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 1)`,
						[
							id,
							actor.hospitalId,
							patientId,
							data.kind,
							type,
							fileName,
							prepared.bytes.length,
							sha256,
							storageKey,
							thumbnailKey,
							photo?.bodyArea ?? null,
							photo?.view ?? null,
							photo ? (photo.takenOn ?? today(actor)) : null,
							photo?.treatmentSession ?? null,
							photo?.phase ?? null,
							data.title ?? null,
							actor.userId
						],
						'run'
					);
					await audit(em, actor, meta, 'patient.file_uploaded', patientId, { fileId: id, kind: data.kind, contentType: type, byteSize: prepared.bytes.length, sha256 });
					const [inserted] = await em.execute<FileRow[]>(`${FILE_SELECT} where f.id = ?`, [id]);
					await announce(em, outbox, actor, 'added', inserted!);
					return inserted!;
				});
				afterCommit(outbox);
				return toDto(row);
			} catch (e) {
				await Promise.all([files.remove(storageKey), thumbnailKey ? files.remove(thumbnailKey) : null]).catch((err) => logger.warn({ err, fileId: id }, 'could not remove the bytes of an upload that was not saved'));
				throw e;
			}
		},

		/** The chart's documents or photos, newest first. Opening the list is audited (its thumbnails are part of it). */
		async list(actor: Actor, patientId: string, query: unknown, meta: Meta = {}): Promise<PatientFileDto[]> {
			requireSee(actor);
			const { kind } = parseInput(ZListPatientFilesQuery, query ?? {});
			return orm.em.fork().transactional(async (em) => {
				await loadPatient(em, actor, patientId);
				const rows = await em.execute<FileRow[]>(
					`${FILE_SELECT} where f.patient_id = ? and f.hospital_id = ? and f.deleted_at is null${kind ? ' and f.kind = ?' : ''}
					 order by coalesce(f.taken_on, f.created_at::date) desc, f.created_at desc limit 1000`,
					kind ? [patientId, actor.hospitalId, kind] : [patientId, actor.hospitalId]
				);
				await audit(em, actor, meta, 'patient.files_listed', patientId, { kind: kind ?? 'all', count: rows.length });
				return rows.map(toDto);
			});
		},

		/**
		 * A file's bytes, decrypted. `download` (an attachment) and `view` (an image shown in the
		 * page) are audited, each naming the file; the gallery's thumbnail is covered by the list.
		 */
		async content(actor: Actor, patientId: string, fileId: string, as: 'download' | 'view' | 'thumbnail', meta: Meta = {}): Promise<FileContent & { row: PatientFileDto }> {
			requireSee(actor);
			const em = orm.em.fork();
			await loadPatient(em, actor, patientId);
			const row = await loadFile(em, actor, patientId, fileId);
			if (as === 'thumbnail' && !row.thumbnail_key) throw new DomainError('NOT_FOUND', msg('files.errors.noThumbnail'));
			if (as === 'view' && !VIEWABLE_TYPES.includes(row.content_type)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('files.errors.notViewable'));
			const bytes = await files.get(as === 'thumbnail' ? row.thumbnail_key! : row.storage_key);
			if (as !== 'thumbnail') {
				await em.transactional((tx) => audit(tx, actor, meta, as === 'view' ? 'patient.file_viewed' : 'patient.file_downloaded', patientId, { fileId, kind: row.kind }));
			}
			return { bytes, contentType: as === 'thumbnail' ? 'image/webp' : row.content_type, fileName: row.file_name, row: toDto(row) };
		},

		/** Soft removal: hidden from the chart, kept (bytes included) for the record; audited. */
		async remove(actor: Actor, patientId: string, fileId: string, meta: Meta = {}): Promise<void> {
			if (!canAnywhere(actor, 'patients:write')) throw new DomainError('FORBIDDEN');
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional(async (em) => {
				await loadPatient(em, actor, patientId);
				const row = await loadFile(em, actor, patientId, fileId, true);
				await em.execute('update patient_file set deleted_at = now(), deleted_by_id = ?, version = version + 1 where id = ?', [actor.userId, fileId], 'run');
				await audit(em, actor, meta, 'patient.file_removed', patientId, { fileId, kind: row.kind, fileName: row.file_name });
				await announce(em, outbox, actor, 'removed', { ...row, version: row.version + 1 });
			});
			afterCommit(outbox);
		},

		/**
		 * A photo for marketing use: only with the patient's marketing consent and for someone who
		 * may export patient data (and see it). Every attempt is audited, refused ones too.
		 */
		async exportForMarketing(actor: Actor, patientId: string, fileId: string, meta: Meta = {}): Promise<FileContent> {
			const em = orm.em.fork();
			const patient = await loadPatient(em, actor, patientId);
			const row = await loadFile(em, actor, patientId, fileId);
			const refuse = async (reason: string, error: DomainError): Promise<never> => {
				await em.transactional((tx) => audit(tx, actor, meta, 'patient.file_marketing_export_refused', patientId, { fileId, reason }));
				throw error;
			};
			if (!canAnywhere(actor, 'patients:export') || !sensitive(actor)) await refuse('permission', new DomainError('FORBIDDEN', msg('files.errors.needsExport')));
			if (row.kind !== 'photo') await refuse('not-a-photo', new DomainError('UNPROCESSABLE', msg('files.errors.exportPhotosOnly')));
			if (!patient.consent_marketing) await refuse('no-marketing-consent', new DomainError('UNPROCESSABLE', msg('files.errors.noMarketingConsent')));
			const bytes = await files.get(row.storage_key);
			await em.transactional((tx) => audit(tx, actor, meta, 'patient.file_marketing_exported', patientId, { fileId, sha256: row.sha256 }));
			return { bytes, contentType: row.content_type, fileName: row.file_name };
		}
	};
}

export type PatientFilesService = ReturnType<typeof createPatientFilesService>;
