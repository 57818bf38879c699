import { z } from 'zod';
import { ZLoginInput, ZLoginResult, ZMe } from '../../shared/auth/auth.schema.ts';
import { ZNotice, ZNoticeList, ZPostNoticeInput } from '../../shared/notices/notice.schema.ts';
import { ERROR_CODES } from '../../shared/errors/error-codes.ts';
import { ZAuditPage, ZAuditQuery, ZChainReport } from '../../shared/audit/audit.schema.ts';
import { ZSessionList } from '../../shared/sessions/session.schema.ts';
import { ZCreateTokenInput, ZCreatedToken, ZTokenList } from '../../shared/tokens/token.schema.ts';
import { ZActivitySummary } from '../../shared/activity/activity.schema.ts';
import { ZCallInput, ZCallNextInput, ZCheckInInput, ZPriorityInput, ZQueueEntry, ZQueueSnapshot, ZQueueStatusInput, ZReorderInput } from '../../shared/queue/queue.schema.ts';
import { ZBoardDevice, ZBoardState, ZCreateBoardInput, ZPairBoardInput } from '../../shared/boards/board.schema.ts';
import { ZAppointmentList, ZAppointmentQuery, ZCancelInput, ZHold, ZHoldInput, ZRescheduleInput, ZStatusInput, ZAppointment, ZBookAppointmentInput, ZBookSeriesInput, ZBookedSeries, ZSeriesClash, ZPractitionerList, ZRoomList, ZServiceList, ZSlotList, ZSlotQuery } from '../../shared/scheduling/appointment.schema.ts';
import { ZPortalStatus, ZPortalUpdateInput, ZCreatePatientInput, ZDuplicateCandidates, ZHistoryEntry, ZHistoryEntryInput, ZPatient, ZPatientPage, ZSearchPatientsQuery, ZUpdatePatientInput } from '../../shared/patients/patient.schema.ts';
import { ZProfile, ZUpdateProfileInput } from '../../shared/profile/profile.schema.ts';
import { ZHospitalSettings, ZUpdateHospitalSettingsInput } from '../../shared/tenancy/settings.schema.ts';
import { ZMarkNotificationsReadInput, ZNotification, ZNotificationList } from '../../shared/notifications/notification.schema.ts';
import { ZChangePasswordInput, ZResetCompleteInput, ZResetRequestInput } from '../../shared/passwords/password.schema.ts';
import { ZMfaCodeInput, ZMfaStatus, ZPasswordConfirmInput, ZRecoveryCodes, ZTotpSetup } from '../../shared/mfa/mfa.schema.ts';
import { ZAcceptInvitationInput, ZInviteUserInput, ZRoleGrant, ZUpdateUserInput, ZUserPage, ZUserQuery, ZUserSummary } from '../../shared/users/user.schema.ts';
import { ZCreateRoleInput, ZRole, ZRoleList, ZUpdateRoleInput } from '../../shared/roles/role.schema.ts';
import { DOCUMENT_TYPES, PATIENT_FILE_KINDS, PHOTO_PHASES, PHOTO_VIEWS, ZListPatientFilesQuery, ZPatientFile, ZPatientFileList } from '../../shared/patients/patient-files.schema.ts';
import { catalogueSchemas, cataloguePaths } from './openapi-catalogue.ts';
import { DELIMITERS, IMPORT_BATCH, IMPORT_MAX_BYTES, ZImportMappingInput, ZImportVersion, ZPatientImport, ZPatientImportList, ZStartImportInput } from '../../shared/patients/patient-import.schema.ts';
import { ZJoinWaitlistInput, ZRemoveWaitlistQuery, ZWaitlistBooking, ZWaitlistEntry, ZWaitlistList, ZWaitlistNotified, ZWaitlistOffer, ZWaitlistSlotInput } from '../../shared/scheduling/waitlist.schema.ts';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the endpoints validate with,
 * so the description cannot drift from the behaviour.
 */
const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const ZProblem = z.object({
	type: z.string(),
	title: z.string(),
	status: z.int(),
	detail: z.string(),
	code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
	errors: z.record(z.string(), z.array(z.string())).optional().describe('Messages per field, for VALIDATION_FAILED'),
	instance: z.string().optional(),
	requestId: z.string().optional()
});

const problem = (description: string) => ({
	description,
	content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
});
const jsonBody = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const jsonResponse = (description: string, ref: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } }
});
const branchId = { name: 'branchId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const noticeId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const security = [{ sessionCookie: [] }, { bearerToken: [] }];

/** Query parameters straight from the shared schema. */
function queryParameters(s: z.ZodType) {
	const json = z.toJSONSchema(s, { io: 'input' }) as { properties: Record<string, object> };
	return Object.entries(json.properties).map(([name, sch]) => ({ name, in: 'query', required: false, schema: sch }));
}
const auditQueryParameters = () => queryParameters(ZAuditQuery);

function pathId(name: string) {
	return { name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
}

/** One operation: signed in (cookie or bearer), 401 for no session, plus the given answers. */
function op(
	operationId: string,
	summary: string,
	tag: string,
	o: { body?: string; parameters?: object[]; ok: readonly [string, string, string?]; errors?: Record<string, string> }
) {
	const [status, description, ref] = o.ok;
	return {
		operationId,
		summary,
		tags: [tag],
		security: [{ sessionCookie: [] }, { bearerToken: [] }],
		...(o.parameters ? { parameters: o.parameters } : {}),
		...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${o.body}` } } } } } : {}),
		responses: {
			[status]: ref ? { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } } : { description },
			'401': { description: 'Not signed in', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
			...Object.fromEntries(
				Object.entries(o.errors ?? {}).map(([code, d]) => [code, { description: d, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }])
			)
		}
	};
}

// --- Patient documents and photos -----------------------------------------------------------
const patientFileSchemas = {
	PatientFile: schema(ZPatientFile),
	PatientFileList: schema(ZPatientFileList),
	/** Multipart fields are text, so this is written out rather than generated from the (preprocessed) zod schema. */
	UploadPatientFileForm: {
		type: 'object',
		required: ['file'],
		properties: {
			file: { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream', description: `The file, with its name. Accepted by its bytes (not name or stated type): ${DOCUMENT_TYPES.join(', ')}; photos not PDF. At most UPLOAD_MAX_MB (default 25 MB). JPEG/PNG/WebP/HEIC lose EXIF, GPS and other metadata before they are stored.` },
			kind: { type: 'string', enum: PATIENT_FILE_KINDS, default: 'document', description: 'A photo needs the patient\'s clinical-photography consent (else 422)' },
			title: { type: 'string', maxLength: 200, description: 'A short description, e.g. "Referral letter"' },
			bodyArea: { type: 'string', maxLength: 60, description: 'Photos (required): where, e.g. "left cheek"' },
			view: { type: 'string', enum: PHOTO_VIEWS, default: 'front', description: 'Photos only' },
			takenOn: { type: 'string', format: 'date', description: 'Photos only; not in the future; default today' },
			treatmentSession: { type: 'string', maxLength: 120, description: 'Photos only, e.g. "Laser session 3"' },
			phase: { type: 'string', enum: PHOTO_PHASES, description: 'Photos only: before or after the treatment' }
		},
		additionalProperties: false
	}
};

function patientFilePaths() {
	const fileId = pathId('fileId');
	const binary = (description: string) => ({
		description,
		headers: { 'Content-Disposition': { schema: { type: 'string' } } },
		content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
	});
	const withBinary = (operation: ReturnType<typeof op>, description: string) => ({ ...operation, responses: { ...operation.responses, '200': binary(description) } });
	const upload = op(
		'uploadPatientFile',
		'Add a document or clinical photo: multipart/form-data with the file in `file` and its details in the other fields; one file per request. Stored encrypted; audited; open charts (with patients:read-sensitive) get patient.files-changed',
		'patients',
		{
			ok: ['201', 'The stored file', 'PatientFile'],
			errors: {
				'400': 'The body is not readable multipart/form-data',
				'403': 'Needs patients:write and patients:read-sensitive',
				'404': 'No such patient in your hospital',
				'413': 'The file is larger than UPLOAD_MAX_MB; nothing was stored',
				'415': 'Not multipart/form-data, or the file is not an accepted type (judged by its bytes), or a damaged image',
				'422': 'A field to fix, no file, or a photo without the patient\'s clinical-photography consent'
			}
		}
	);
	return {
		'/patients/{patientId}/documents': {
			parameters: [pathId('patientId')],
			get: op('listPatientFiles', "The patient's documents and photos, newest (date taken) first; `kind` narrows to one. Audited", 'patients', {
				parameters: queryParameters(ZListPatientFilesQuery),
				ok: ['200', 'The files', 'PatientFileList'],
				errors: { '403': 'Needs patients:read-sensitive', '404': 'No such patient in your hospital' }
			}),
			post: { ...upload, requestBody: { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/UploadPatientFileForm' } } } } }
		},
		'/patients/{patientId}/documents/{fileId}': {
			parameters: [pathId('patientId'), fileId],
			delete: op('removePatientFile', 'Remove a document or photo from the chart (kept for the record); audited; open charts update live', 'patients', {
				ok: ['204', 'Removed'],
				errors: { '403': 'Needs patients:write', '404': 'No such file or patient' }
			})
		},
		'/patients/{patientId}/documents/{fileId}/content': {
			parameters: [pathId('patientId'), fileId, { name: 'disposition', in: 'query', required: false, schema: { type: 'string', enum: ['attachment', 'inline'], default: 'attachment' } }],
			get: withBinary(
				op('getPatientFileContent', 'The file, decrypted, as an attachment (audited as a download); `disposition=inline` shows a JPEG, PNG or WebP in a page (audited as a view). Served with nosniff, a sandboxing CSP and no-store', 'patients', {
					ok: ['200', 'The bytes'],
					errors: { '403': 'Needs patients:read-sensitive', '404': 'No such file or patient', '415': 'inline asked for a PDF or HEIC' }
				}),
				'The bytes, with the type detected at upload'
			)
		},
		'/patients/{patientId}/documents/{fileId}/thumbnail': {
			parameters: [pathId('patientId'), fileId],
			get: withBinary(
				op('getPatientFileThumbnail', 'A WebP preview of an image, at most 320 px a side, without metadata', 'patients', {
					ok: ['200', 'The preview'],
					errors: { '403': 'Needs patients:read-sensitive', '404': 'No such file, or no preview (PDF, or a HEIC this server cannot decode)' }
				}),
				'image/webp'
			)
		},
		'/patients/{patientId}/documents/{fileId}/marketing-export': {
			parameters: [pathId('patientId'), fileId],
			get: withBinary(
				op('exportPatientPhotoForMarketing', "A photo as an attachment for marketing use. Needs patients:export (and patients:read-sensitive) and the patient's marketing consent; every attempt is audited, refusals too", 'patients', {
					ok: ['200', 'The photo'],
					errors: { '403': 'Needs patients:export', '404': 'No such file or patient', '422': 'Not a photo, or the patient has not agreed to marketing use' }
				}),
				'The photo'
			)
		}
	};
}
// --- end of patient documents and photos --------------------------------------------------------

// --- Patient imports (CSV) and the patient export -------------------------------------------
const patientImportSchemas = {
	PatientImport: schema(ZPatientImport),
	PatientImportList: schema(ZPatientImportList),
	ImportMappingInput: schema(ZImportMappingInput, 'input'),
	ImportVersionInput: schema(ZImportVersion, 'input'),
	StartImportInput: schema(ZStartImportInput, 'input'),
	/** Multipart fields are text, so this is written out rather than generated. */
	UploadImportForm: {
		type: 'object',
		required: ['file', 'sourceSystem'],
		properties: {
			file: { type: 'string', format: 'binary', description: `The CSV, at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB: UTF-8 (with or without BOM), UTF-16 LE with BOM, or Windows-1252; the first row names the columns` },
			sourceSystem: { type: 'string', minLength: 1, maxLength: 60, description: 'The system the records come from; with each row\'s source id it makes importing again skip what was imported before' },
			branchId: { type: 'string', format: 'uuid', description: 'Where the patients are registered (their MRN prefix); default: the first branch where you may import' },
			delimiter: { type: 'string', enum: DELIMITERS, description: 'Leave out to detect it from the file' }
		},
		additionalProperties: false
	}
};

function patientImportPaths() {
	const importId = pathId('importId');
	const accepted = (operation: ReturnType<typeof op>, description: string) => ({ ...operation, responses: { ...operation.responses, '202': jsonResponse(description, 'PatientImport') } });
	const refusals = { '403': 'Needs patients:import', '404': 'No such import in a branch where you may import' };
	return {
		'/patient-imports': {
			get: op('listPatientImports', 'Imports of the branches where you may import, newest first', 'patient-imports', { ok: ['200', 'Imports', 'PatientImportList'], errors: { '403': 'Needs patients:import' } }),
			post: {
				...op('uploadPatientImport', 'Upload a CSV of patients from another system (multipart/form-data). The separator is detected and the columns matched to fields by their names; nothing is imported yet. The file is stored encrypted and deleted when the import ends', 'patient-imports', {
					ok: ['201', 'The import, with its guessed matching, columns and first rows', 'PatientImport'],
					errors: { '400': 'A field to fix (source system, branch), or an empty file', '403': 'Needs patients:import', '413': `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB (checked while it streams in)`, '415': 'Not multipart/form-data, or a spreadsheet workbook or binary file rather than CSV' }
				}),
				requestBody: { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/UploadImportForm' } } } }
			}
		},
		'/patient-imports/{importId}': {
			parameters: [importId],
			get: op('getPatientImport', 'One import: status, counts, the dry-run report (row numbers as a spreadsheet shows them; messages in your language) and, until it ends, its columns and first rows', 'patient-imports', {
				ok: ['200', 'The import', 'PatientImport'],
				errors: refusals
			})
		},
		'/patient-imports/{importId}/mapping': {
			parameters: [importId],
			put: op('setPatientImportMapping', 'Change the separator (the matching is guessed again) or which column fills which field. The dry run must then run again', 'patient-imports', {
				body: 'ImportMappingInput',
				ok: ['200', 'The import', 'PatientImport'],
				errors: { ...refusals, '400': 'A column the file does not have, or a field matched twice', '409': 'Changed by someone else first', '422': 'The import is running or finished' }
			})
		},
		'/patient-imports/{importId}/dry-run': {
			parameters: [importId],
			post: accepted(
				op('checkPatientImport', 'Check every row with the registration schema (phone optional), in the background, writing no patient: row errors, source ids twice in the file, rows imported before (skipped later), phones already registered (warnings). Progress: socket event import.progress; the report: GET', 'patient-imports', {
					body: 'ImportVersionInput',
					ok: ['202', 'Checking'],
					errors: { ...refusals, '409': 'Changed by someone else first', '422': 'The import is running or finished' }
				}),
				'Checking has started'
			)
		},
		'/patient-imports/{importId}/start': {
			parameters: [importId],
			post: accepted(
				op('startPatientImport', `Import in the background, ${IMPORT_BATCH} rows a transaction; rows whose source id the hospital already has are skipped, never duplicated. Needs a passed dry run; if it found rows with errors, goodRowsOnly: true must say to import the others. One audit event per run (patients.imported, counts only)`, 'patient-imports', {
					body: 'StartImportInput',
					ok: ['202', 'Importing'],
					errors: { ...refusals, '409': 'Changed by someone else first', '422': 'Not checked yet, problems with the whole file, or rows with errors and goodRowsOnly not chosen' }
				}),
				'Importing has started'
			)
		},
		'/patient-imports/{importId}/cancel': {
			parameters: [importId],
			post: op('cancelPatientImport', 'Abandon the import: a running step stops between two batches (patients imported by then stay; the report says how many), an idle one ends at once; the file is deleted', 'patient-imports', {
				ok: ['200', 'The import', 'PatientImport'],
				errors: { ...refusals, '422': 'It has already finished' }
			})
		},
		'/patients/export.csv': {
			get: {
				operationId: 'exportPatients',
				summary: "Every patient of the hospital as CSV (UTF-8 with BOM), streamed in MRN order, with the same columns the importer recognises. Without patients:read-sensitive, contact details are masked and clinical lists left empty, as on screen. Audited (patients.exported, with the row count)",
				tags: ['patients'],
				security,
				responses: {
					'200': { description: 'CSV, one row per patient; X-Row-Count gives the number', content: { 'text/csv': { schema: { type: 'string' } } } },
					'401': problem('Not signed in'),
					'403': problem('Needs patients:export')
				}
			}
		}
	};
}
// --- end of patient imports -----------------------------------------------------------------------

// --- Queue and waiting-room boards ------------------------------------------------------------
const queueSchemas = {
	CheckInInput: schema(ZCheckInInput, 'input'),
	CallNextInput: schema(ZCallNextInput, 'input'),
	CallInput: schema(ZCallInput, 'input'),
	QueueStatusInput: schema(ZQueueStatusInput, 'input'),
	PriorityInput: schema(ZPriorityInput, 'input'),
	ReorderInput: schema(ZReorderInput, 'input'),
	QueueEntry: schema(ZQueueEntry),
	QueueSnapshot: schema(ZQueueSnapshot),
	MyDay: schema(z.object({ appointments: z.array(ZAppointment), queue: ZQueueSnapshot })),
	CreateBoardInput: schema(ZCreateBoardInput, 'input'),
	PairBoardInput: schema(ZPairBoardInput, 'input'),
	BoardDevice: schema(ZBoardDevice),
	BoardDeviceList: schema(z.object({ items: z.array(ZBoardDevice) })),
	BoardDeviceWithCode: schema(z.object({ device: ZBoardDevice, code: z.string() })),
	BoardPairing: schema(z.object({ token: z.string(), deviceId: z.uuid(), branch: z.object({ id: z.uuid(), name: z.string(), code: z.string() }) })),
	BoardState: schema(ZBoardState)
};

function queuePaths() {
	const branchId = pathId('branchId');
	const entryId = pathId('entryId');
	const deviceId = pathId('deviceId');
	const entryErrors = { '400': 'A field to fix', '404': 'No such queue entry of yours', '409': 'Stale version (with the current entry)', '422': 'Not possible in the entry\'s state' };
	return {
		'/branches/{branchId}/queue': {
			parameters: [branchId],
			get: op('getQueue', "The branch's queue today (or `day=YYYY-MM-DD`): waiting in line order with place and expected wait (from how long visits actually take today), then called / in service, then finished. `seq` orders snapshots", 'queue', {
				parameters: [{ name: 'day', in: 'query', required: false, schema: { type: 'string', format: 'date' } }],
				ok: ['200', 'The queue', 'QueueSnapshot'],
				errors: { '404': 'No such branch of yours' }
			}),
			post: op('checkIn', "Check a patient in, for today's appointment (it becomes checked-in) or as a walk-in: 201 with the entry and its token (C-014 consultation, P-007 procedure, S-… surgery; numbers per branch and day). Every screen of the branch gets queue.updated, its TVs board.updated, the practitioner a notification. With an Idempotency-Key header, a retry gets the first answer again", 'queue', {
				parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Any unique string per check-in attempt; the same key with a different body answers 422.' }],
				body: 'CheckInInput',
				ok: ['201', 'The queue entry, with `token`', 'QueueEntry'],
				errors: { '400': 'A field to fix (appointment not today, not this patient\'s, already over…)', '403': 'Needs queue:manage', '404': 'No such branch of yours', '422': 'Already checked in / already waiting, or the Idempotency-Key was used for a different request' }
			})
		},
		'/branches/{branchId}/queue/call-next': {
			parameters: [branchId],
			post: op('callNext', 'Call the first patient in line waiting for you (or `practitionerId`), or for whoever is free, to a room. Two practitioners pressing at once get two different patients; the TVs announce it', 'queue', {
				body: 'CallNextInput',
				ok: ['200', 'The called entry', 'QueueEntry'],
				errors: { '400': 'Room unknown or out of service', '403': 'Needs queue:call', '404': 'Nobody is waiting for you' }
			})
		},
		'/branches/{branchId}/my-day': {
			parameters: [branchId],
			get: op('myDay', "Your appointments today at the branch, and the branch's queue", 'queue', { ok: ['200', '{ appointments, queue }', 'MyDay'], errors: { '404': 'No such branch of yours' } })
		},
		'/queue/{entryId}/call': { parameters: [entryId], post: op('callEntry', 'Call this token to a room, or call it again (the TVs announce it anew)', 'queue', { body: 'CallInput', ok: ['200', 'The entry', 'QueueEntry'], errors: entryErrors }) },
		'/queue/{entryId}/status': {
			parameters: [entryId],
			post: op('setQueueStatus', 'in-service (start the visit; the appointment becomes in-consultation), done (finish; completed), left (went home unseen), waiting (back in line after a call nobody answered)', 'queue', { body: 'QueueStatusInput', ok: ['200', 'The entry', 'QueueEntry'], errors: entryErrors })
		},
		'/queue/{entryId}/priority': { parameters: [entryId], post: op('setQueuePriority', 'Mark priority with a reason (goes ahead of everyone without it), or unmark. Audited', 'queue', { body: 'PriorityInput', ok: ['200', 'The entry', 'QueueEntry'], errors: entryErrors }) },
		'/queue/{entryId}/reorder': { parameters: [entryId], post: op('reorderQueue', 'Move a waiting patient to just before `beforeId` (null: to the end). Audited with both places', 'queue', { body: 'ReorderInput', ok: ['200', 'The entry', 'QueueEntry'], errors: entryErrors }) },
		'/branches/{branchId}/boards': {
			parameters: [branchId],
			get: op('listBoards', "The branch's waiting-room TVs and whether each is paired, waiting to pair or revoked", 'boards', { ok: ['200', '{ items }', 'BoardDeviceList'], errors: { '403': 'Needs boards:manage', '404': 'No such branch of yours' } }),
			post: op('createBoard', 'Add a TV: the answer carries a one-time pairing code (valid 15 minutes) to type on the TV at /board', 'boards', { body: 'CreateBoardInput', ok: ['201', 'The device and its code', 'BoardDeviceWithCode'], errors: { '400': 'A field to fix', '403': 'Needs boards:manage' } })
		},
		'/boards/{deviceId}': { parameters: [deviceId], delete: op('revokeBoard', 'Revoke a TV: its token stops working and its connection closes within a second', 'boards', { ok: ['200', 'The device', 'BoardDevice'], errors: { '404': 'No such board of yours' } }) },
		'/boards/{deviceId}/code': { parameters: [deviceId], post: op('renewBoardCode', 'A fresh pairing code for a TV not yet paired', 'boards', { ok: ['200', 'The device and its code', 'BoardDeviceWithCode'], errors: { '404': 'No such board of yours', '422': 'Already paired or revoked' } }) },
		'/board/pair': {
			post: {
				...op('pairBoard', "The TV's side: trade a valid pairing code, once, for its device token (ssb_…). Rate-limited per address", 'boards', { body: 'PairBoardInput', ok: ['200', 'The device token and branch', 'BoardPairing'], errors: { '400': 'Unknown or expired code', '429': 'Too many attempts' } }),
				security: []
			}
		},
		'/board': {
			get: {
				...op('getBoard', "What a paired TV shows now: tokens and initials only (never names), who is being called to which room, next in line, typical waits, notices. Send the device token in the X-Board-Token header; it opens this board and nothing else (elsewhere: 401). Live: Socket.IO handshake `auth.boardToken`, event board.updated", 'boards', {
					parameters: [{ name: 'X-Board-Token', in: 'header', required: true, schema: { type: 'string' } }],
					ok: ['200', 'The board', 'BoardState'],
					errors: {}
				}),
				security: []
			}
		}
	};
}

// --- Waitlist -----------------------------------------------------------------------------------
const waitlistSchemas = {
	JoinWaitlistInput: schema(ZJoinWaitlistInput, 'input'),
	WaitlistSlotInput: schema(ZWaitlistSlotInput, 'input'),
	WaitlistEntry: schema(ZWaitlistEntry),
	WaitlistList: schema(ZWaitlistList),
	WaitlistBooking: schema(ZWaitlistBooking),
	WaitlistNotified: schema(ZWaitlistNotified),
	WaitlistOffer: schema(ZWaitlistOffer)
};

function waitlistPaths() {
	const entryId = pathId('entryId');
	return {
		'/branches/{branchId}/waitlist': {
			parameters: [pathId('branchId')],
			get: op('listWaitlist', 'Patients waiting for an earlier slot at the branch, longest first. When a cancel, no-show or move frees a time they would take, every desk of the branch gets the socket event waitlist.offer (the slot and the best matches, see WaitlistOffer); waitlist.changed when an entry is added, booked or removed', 'waitlist', {
				ok: ['200', '{ items }', 'WaitlistList'],
				errors: { '404': 'No such branch of yours' }
			}),
			post: op('joinWaitlist', 'Put a patient on the waitlist for a service, optionally with one practitioner, a part of the day (branch clock: morning before 12:00, afternoon 12–17, evening from 17:00) and the days they can come', 'waitlist', {
				body: 'JoinWaitlistInput',
				ok: ['201', 'The entry', 'WaitlistEntry'],
				errors: { '400': 'A field to fix, or the patient already waits for this service here (errors.patientId)', '403': 'Needs appointments:book', '404': 'No such branch of yours' }
			})
		},
		'/waitlist/{entryId}': {
			parameters: [entryId],
			delete: op('removeFromWaitlist', 'Take the patient off the waitlist; send the version you saw', 'waitlist', {
				parameters: queryParameters(ZRemoveWaitlistQuery),
				ok: ['204', 'Removed'],
				errors: { '400': 'No version given', '404': 'No such entry of yours', '409': 'Changed meanwhile (with the current entry)', '422': 'Already booked or removed' }
			})
		},
		'/waitlist/{entryId}/book': {
			parameters: [entryId],
			post: op('bookFromWaitlist', "Book the patient into an offered time with the entry's service (every booking rule applies) and mark the entry booked; other desks see appointment.changed and waitlist.changed", 'waitlist', {
				body: 'WaitlistSlotInput',
				ok: ['201', 'The booked entry and the appointment', 'WaitlistBooking'],
				errors: { '400': 'Field errors (as for booking)', '404': 'No such entry of yours', '409': 'The time was taken meanwhile (with alternatives); the entry keeps waiting', '422': 'Already booked or removed' }
			})
		},
		'/waitlist/{entryId}/notify': {
			parameters: [entryId],
			post: op('sendWaitlistOffer', "Email the offered time to the patient in their language (only with their consent to email); audited as waitlist.offer-sent. The answer names the address masked", 'waitlist', {
				body: 'WaitlistSlotInput',
				ok: ['200', 'Sent', 'WaitlistNotified'],
				errors: { '400': 'A field to fix', '404': 'No such entry of yours', '422': 'No consent to email, no email on record, or the entry is no longer waiting' }
			})
		}
	};
}

export function openApiDocument(serverUrl: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'SkinSpire API',
			version: '1.0.0',
			description:
				'Clinic management for skin clinics. Errors are RFC 9457 problem+json; their `title`, `detail` and field `errors` are written in the caller\'s language: the account\'s language preference (PATCH /me/profile), else the Accept-Language header (en or hi), else English. `code` never changes with the language. Browsers authenticate with the session cookie set by /auth/login; requests that change data from a foreign Origin are refused.',
			license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${serverUrl}/api/v1` }],
		components: {
			securitySchemes: {
				sessionCookie: { type: 'apiKey', in: 'cookie', name: 'skinspire_session', description: 'Named __Host-skinspire_session when served over HTTPS' },
				bearerToken: {
					type: 'http',
					scheme: 'bearer',
					description: 'A personal API token (sst_…) made on the account page or POST /me/tokens; also accepted in the Socket.IO handshake as auth.token'
				}
			},
			schemas: {
				Problem: schema(ZProblem),
				LoginInput: schema(ZLoginInput, 'input'),
				LoginResult: schema(ZLoginResult),
				Me: schema(ZMe),
				PostNoticeInput: schema(ZPostNoticeInput, 'input'),
				Notice: schema(ZNotice),
				NoticeList: schema(ZNoticeList),
				AuditPage: schema(ZAuditPage),
				ChainReport: schema(ZChainReport),
				SessionList: schema(ZSessionList),
				InviteUserInput: schema(ZInviteUserInput, 'input'),
				UpdateUserInput: schema(ZUpdateUserInput, 'input'),
				RoleGrant: schema(ZRoleGrant, 'input'),
				User: schema(ZUserSummary),
				UserPage: schema(ZUserPage),
				CreateRoleInput: schema(ZCreateRoleInput, 'input'),
				UpdateRoleInput: schema(ZUpdateRoleInput, 'input'),
				Role: schema(ZRole),
				RoleList: schema(ZRoleList),
				AcceptInvitationInput: schema(ZAcceptInvitationInput, 'input'),
				MfaCodeInput: schema(ZMfaCodeInput, 'input'),
				PasswordConfirmInput: schema(ZPasswordConfirmInput, 'input'),
				MfaStatus: schema(ZMfaStatus),
				TotpSetup: schema(ZTotpSetup),
				RecoveryCodes: schema(ZRecoveryCodes),
				ChangePasswordInput: schema(ZChangePasswordInput, 'input'),
				ResetRequestInput: schema(ZResetRequestInput, 'input'),
				ResetCompleteInput: schema(ZResetCompleteInput, 'input'),
				CreateTokenInput: schema(ZCreateTokenInput, 'input'),
				CreatedToken: schema(ZCreatedToken),
				TokenList: schema(ZTokenList),
				HospitalSettings: schema(ZHospitalSettings),
				ActivitySummary: schema(ZActivitySummary),
				Profile: schema(ZProfile),
				UpdateProfileInput: schema(ZUpdateProfileInput, 'input'),
				UpdateHospitalSettingsInput: schema(ZUpdateHospitalSettingsInput, 'input'),
				Notification: schema(ZNotification),
				NotificationList: schema(ZNotificationList),
				MarkNotificationsReadInput: schema(ZMarkNotificationsReadInput, 'input'),
				CreatePatientInput: schema(ZCreatePatientInput, 'input'),
				UpdatePatientInput: schema(ZUpdatePatientInput, 'input'),
				Patient: schema(ZPatient),
				PatientPage: schema(ZPatientPage),
				DuplicateCandidates: schema(ZDuplicateCandidates),
				HistoryEntryInput: schema(ZHistoryEntryInput, 'input'),
				HistoryEntry: schema(ZHistoryEntry),
				HistoryList: schema(z.object({ entries: z.array(ZHistoryEntry) })),
				PortalStatus: schema(ZPortalStatus),
				BookAppointmentInput: schema(ZBookAppointmentInput, 'input'),
				BookSeriesInput: schema(ZBookSeriesInput, 'input'),
				BookedSeries: schema(ZBookedSeries),
				SeriesClash: schema(ZSeriesClash),
				RescheduleInput: schema(ZRescheduleInput, 'input'),
				CancelInput: schema(ZCancelInput, 'input'),
				StatusInput: schema(ZStatusInput, 'input'),
				...queueSchemas,
				...waitlistSchemas,
				HoldInput: schema(ZHoldInput, 'input'),
				Hold: schema(ZHold),
				AppointmentList: schema(ZAppointmentList),
				Appointment: schema(ZAppointment),
				SlotList: schema(ZSlotList),
				ServiceList: schema(ZServiceList),
				RoomList: schema(ZRoomList),
				PractitionerList: schema(ZPractitionerList),
				PortalUpdateInput: schema(ZPortalUpdateInput, 'input'),
				...patientFileSchemas,
				...catalogueSchemas,
				...patientImportSchemas
			}
		},
		paths: {
			'/auth/login': {
				post: {
					operationId: 'login',
					summary: 'Sign in with email and password',
					tags: ['auth'],
					requestBody: jsonBody('LoginInput'),
					responses: {
						'200': { ...jsonResponse('Signed in and the session cookie set; or `{ mfaRequired: true }` with a session that can only complete MFA (POST /auth/mfa)', 'LoginResult') },
						'423': problem('The account is locked after 10 failed sign-ins'),
						'429': problem('Too many attempts from this address'),
						'400': problem('Malformed JSON or missing fields'),
						'401': problem('Email or password is incorrect (the same answer for an unknown email)')
					}
				}
			},
			'/auth/logout': { post: op('logout', 'End the current session (its live connections close too)', 'auth', { ok: ['204', 'Signed out'] }) },
			'/me': { get: op('me', 'The signed-in user, their hospital and branches (roles and permissions per branch)', 'auth', { ok: ['200', 'The signed-in user', 'Me'] }) },
			'/branches/{branchId}/notices': {
				parameters: [branchId],
				get: op('listNotices', "A branch's active notices, newest first", 'notices', {
					ok: ['200', 'Active notices', 'NoticeList'],
					errors: { '404': 'No such branch, or not one of yours' }
				}),
				post: op('postNotice', 'Post a notice; every open screen of the branch shows it at once (event notice.posted). An urgent notice is also emailed, in their language, to staff of the branch who turned on email alerts', 'notices', {
					body: 'PostNoticeInput',
					ok: ['201', 'The notice', 'Notice'],
					errors: { '400': 'Malformed JSON, or a field to fix (named in errors)', '403': 'Your role cannot post notices', '404': 'No such branch, or not one of yours' }
				})
			},
			'/branches/{branchId}/notices/{id}': {
				parameters: [branchId, noticeId],
				delete: op('clearNotice', 'Clear a notice for everyone (its poster or a manager); event notice.cleared', 'notices', {
					ok: ['200', 'The cleared notice', 'Notice'],
					errors: { '403': 'Only the poster or a manager can clear it', '404': 'No such notice in that branch' }
				})
			},
			'/auth/mfa': {
				post: op('completeMfa', 'Finish a sign-in that answered mfaRequired: a TOTP code or a recovery code; a new session cookie replaces the pending one. 5 attempts per sign-in', 'auth', {
					body: 'MfaCodeInput',
					ok: ['200', 'Signed in', 'LoginResult'],
					errors: { '400': 'The code is not right', '401': 'No sign-in is waiting for a code, or too many wrong codes', '429': 'Too many attempts from this address' }
				})
			},
			'/activity': {
				get: op('activitySummary', 'Sign-ins and failures per hour (24 h), active sessions, locked accounts, recent administrative actions; the event activity.changed says when to refetch', 'audit', {
					ok: ['200', 'The summary', 'ActivitySummary'],
					errors: { '403': 'Needs audit:read hospital-wide' }
				})
			},
			'/hospital/settings': {
				get: op('getHospitalSettings', 'Hospital-wide settings (needs settings:manage)', 'hospital', { ok: ['200', 'Settings', 'HospitalSettings'], errors: { '403': 'Needs settings:manage' } }),
				patch: op('updateHospitalSettings', 'Change the idle timeout (5–480 minutes) and the appointment reminder lead time (15–20160 minutes); null follows the server default (SESSION_IDLE_MINUTES, REMINDER_LEAD_MINUTES), a field left out stays as it is. Idle timeout applies from the next request; a new lead time from the next reminder planning (within JOB_POLL_MS)', 'hospital', {
					body: 'UpdateHospitalSettingsInput',
					ok: ['200', 'Settings after the change', 'HospitalSettings'],
					errors: { '400': 'A field to fix', '403': 'Needs settings:manage', '409': 'Someone else changed them first' }
				})
			},
			'/me/notifications': {
				get: op('listMyNotifications', 'My latest 50 notifications, newest first (e.g. kind queue.checked-in: my patient checked in), and how many of mine are unread. New ones arrive live as the socket event notification.created; a screen shows `notifications.<kind>` filled with `params`', 'auth', {
					ok: ['200', 'My notifications', 'NotificationList']
				})
			},
			'/me/notifications/read': {
				post: {
					...op('markMyNotificationsRead', 'Mark some of my notifications read (`ids`), or all of them (no body, or no `ids`); ids that are not mine change nothing. My other open screens get notification.read. Answers the list after', 'auth', {
						ok: ['200', 'My notifications after the change', 'NotificationList'],
						errors: { '400': 'Malformed JSON, or ids that are not notification ids' }
					}),
					requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/MarkNotificationsReadInput' } } } }
				}
			},
			'/me/profile': {
				get: op('getProfile', 'My name, phone and preferences (theme, notice toasts)', 'auth', { ok: ['200', 'Profile', 'Profile'] }),
				patch: op('updateProfile', 'Change my name, phone or preferences; send the version you saw', 'auth', {
					body: 'UpdateProfileInput',
					ok: ['200', 'Profile after the change', 'Profile'],
					errors: { '400': 'A field to fix', '409': 'Changed elsewhere first' }
				})
			},
			'/me/photo': {
				put: {
					...op('setMyPhoto', 'Upload my photo: the raw image as the body; JPEG, PNG or WebP by its bytes, up to 500 KB; EXIF removed from JPEGs', 'auth', {
						ok: ['204', 'Saved'],
						errors: { '400': 'Not an accepted image, or too large' }
					}),
					requestBody: { required: true, content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } }, 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/webp': { schema: { type: 'string', format: 'binary' } } } }
				},
				delete: op('removeMyPhoto', 'Remove my photo', 'auth', { ok: ['204', 'Removed'] })
			},
			'/users/{userId}/photo': {
				parameters: [pathId('userId')],
				get: {
					...op('getUserPhoto', "A staff member's photo: one's own, or anyone's in the hospital for people with users:read", 'users', { ok: ['200', 'The image'], errors: { '404': 'No photo you may see' } }),
					responses: {
						'200': { description: 'The image', content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } },
						'401': problem('Not signed in'),
						'404': problem('No photo you may see')
					}
				}
			},
			'/me/tokens': {
				get: op('listTokens', 'My API tokens that still work (from a signed-in session only)', 'tokens', { ok: ['200', 'Tokens', 'TokenList'] }),
				post: op('createToken', 'Create an API token with an expiry and some of my permissions; the secret is in this answer only', 'tokens', {
					body: 'CreateTokenInput',
					ok: ['201', 'The token', 'CreatedToken'],
					errors: { '400': 'A field to fix, or a permission you do not hold', '403': 'Made with a token rather than a session' }
				})
			},
			'/me/tokens/{tokenId}': {
				parameters: [{ name: 'tokenId', in: 'path', required: true, schema: { type: 'string' } }],
				delete: op('revokeToken', 'Revoke a token: its next request is refused and its live connections close within 2 s', 'tokens', {
					ok: ['204', 'Revoked'],
					errors: { '404': 'No such token of mine' }
				})
			},
			'/me/password': {
				post: op('changePassword', 'Change my password (the current one is asked again); this session continues under a new cookie, others end if asked', 'auth', {
					body: 'ChangePasswordInput',
					ok: ['200', 'Changed'],
					errors: { '400': 'Current password wrong, or the new one refused (the reason is in errors.newPassword)' }
				})
			},
			'/auth/password-reset': {
				post: {
					...op('requestPasswordReset', 'Email a single-use reset link (30 minutes). The answer is the same whether or not the address has an account', 'auth', {
						body: 'ResetRequestInput',
						ok: ['202', 'Accepted'],
						errors: { '400': 'Not an email address', '429': 'Too many requests from this address' }
					}),
					security: []
				}
			},
			'/auth/password-reset/complete': {
				post: {
					...op('completePasswordReset', 'Set a new password from the link; every session of the account ends (sign in again, second factor included)', 'auth', {
						body: 'ResetCompleteInput',
						ok: ['204', 'Changed'],
						errors: { '400': 'The password is refused', '404': 'The link expired or was used' }
					}),
					security: []
				}
			},
			'/me/mfa': {
				get: op('mfaStatus', 'Whether a second factor is set up, whether a role requires it, recovery codes left', 'mfa', { ok: ['200', 'Status', 'MfaStatus'] })
			},
			'/me/mfa/totp': {
				post: op('startTotp', 'Start setting up an authenticator app (asks for the password again)', 'mfa', {
					body: 'PasswordConfirmInput',
					ok: ['200', 'The key, its otpauth:// URI and a QR code (SVG)', 'TotpSetup'],
					errors: { '400': 'Wrong password, or one is already set up' }
				})
			},
			'/me/mfa/totp/confirm': {
				post: op('confirmTotp', 'Prove the app with its first code; answers with 10 single-use recovery codes, shown only once', 'mfa', {
					body: 'MfaCodeInput',
					ok: ['200', 'Recovery codes', 'RecoveryCodes'],
					errors: { '400': 'The code is not right' }
				})
			},
			'/me/mfa/totp/disable': {
				post: op('disableTotp', 'Turn the second factor off (asks for the password again; refused when a role requires it)', 'mfa', {
					body: 'PasswordConfirmInput',
					ok: ['204', 'Off'],
					errors: { '400': 'Wrong password, or a role requires MFA' }
				})
			},
			'/me/mfa/recovery-codes': {
				post: op('renewRecoveryCodes', 'Replace the recovery codes (asks for the password again)', 'mfa', {
					body: 'PasswordConfirmInput',
					ok: ['200', 'New recovery codes', 'RecoveryCodes'],
					errors: { '400': 'Wrong password, or no authenticator set up' }
				})
			},
			'/patients': {
				get: op('searchPatients', 'Find patients: `q` matches a name (prefix of any word, or a typo), a full phone number, an email or an MRN; no `q` lists the most recently changed', 'patients', {
					parameters: queryParameters(ZSearchPatientsQuery),
					ok: ['200', 'A page of patients (contact details masked without patients:read-sensitive)', 'PatientPage'],
					errors: { '400': 'A parameter to fix', '403': 'Needs patients:read' }
				}),
				post: op('registerPatient', 'Register a patient; the MRN is the branch code and the next number (e.g. IND-000123). Phone numbers are stored in E.164; Indian numbers need no country code', 'patients', {
					body: 'CreatePatientInput',
					ok: ['201', 'The new patient, with id and mrn', 'Patient'],
					errors: { '400': 'A field to fix (each field error says what)', '403': 'Needs patients:write' }
				})
			},
			'/patients/duplicate-check': {
				post: op('checkPatientDuplicates', 'Before registering: patients with the same phone, or a similar name with the same date of birth', 'patients', {
					body: 'CreatePatientInput',
					ok: ['200', 'Possible duplicates (may be empty)', 'DuplicateCandidates']
				})
			},
			'/patients/{patientId}': {
				parameters: [pathId('patientId')],
				get: op('getPatient', 'One patient, as you may see them; the read is written to the audit trail', 'patients', { ok: ['200', 'The patient', 'Patient'], errors: { '404': 'No such patient in your hospital' } }),
				patch: op('updatePatient', 'Change any fields; send the version you saw (a stale one answers 409 with the newer record). Open charts update live (patient.changed)', 'patients', {
					body: 'UpdatePatientInput',
					ok: ['200', 'The patient after the change', 'Patient'],
					errors: { '400': 'A field to fix', '403': 'Needs patients:write (and patients:read-sensitive to change encrypted fields)', '404': 'No such patient in your hospital', '409': 'Someone else changed this patient first' }
				})
			},
			'/patients/{patientId}/history': {
				parameters: [pathId('patientId')],
				get: op('listPatientHistory', 'The medical history timeline, newest first (notes only with patients:read-sensitive)', 'patients', { ok: ['200', 'The timeline', 'HistoryList'], errors: { '404': 'No such patient in your hospital' } }),
				post: op('addPatientHistory', 'Add a dated note to the timeline', 'patients', {
					body: 'HistoryEntryInput',
					ok: ['201', 'The new entry', 'HistoryEntry'],
					errors: { '400': 'A field to fix', '403': 'Needs patients:write and patients:read-sensitive', '404': 'No such patient in your hospital' }
				})
			},
			'/branches/{branchId}/services': {
				parameters: [branchId],
				get: op('listServices', 'The services offered (hospital-wide catalogue), with who may perform each', 'scheduling', { ok: ['200', '{ items }', 'ServiceList'], errors: { '404': 'No such branch of yours' } })
			},
			'/branches/{branchId}/practitioners': {
				parameters: [branchId],
				get: op('listPractitioners', 'Staff with working hours at the branch, and the services each performs', 'scheduling', { ok: ['200', '{ items }', 'PractitionerList'], errors: { '404': 'No such branch of yours' } })
			},
			'/branches/{branchId}/slots': {
				parameters: [branchId],
				get: op('listSlots', 'Free slots for a service between `from` and `to` (at most 31 days), in time order: practitioner, a suitable room and every device the service needs are all free, and the branch is open', 'scheduling', {
					parameters: queryParameters(ZSlotQuery),
					ok: ['200', '{ items: [{ start, end, practitionerId, roomId }] }', 'SlotList'],
					errors: { '400': 'A parameter to fix', '404': 'No such branch of yours' }
				})
			},
			'/appointments': {
				post: op('bookAppointment', 'Book practitioner, room and devices at once; the end follows from the service, devices are chosen by the server when not given. Every open calendar of the branch updates (appointment.changed). With an Idempotency-Key header, a retry gets the first answer again (header Idempotent-Replayed: true)', 'scheduling', {
					parameters: [
						{
							name: 'Idempotency-Key',
							in: 'header',
							required: false,
							schema: { type: 'string', minLength: 1, maxLength: 200 },
							description: 'Any unique string per booking attempt (e.g. a UUID), kept for 24 hours per user. The same key with a different body answers 422; while the first request is still running, 409 IN_PROGRESS.'
						}
					],
					body: 'BookAppointmentInput',
					ok: ['201', 'The appointment', 'Appointment'],
					errors: { '400': 'Field errors saying what to change (closed, on a break, wrong room type, in the past…)', '409': 'Taken: `taken` says what, `alternatives` lists the nearest free slots', '422': 'The Idempotency-Key was used for a different request' }
				})
			},
			'/appointments/series': {
				post: op('bookAppointmentSeries', 'Book a course: `count` (2–12) sessions `everyWeeks` (1–12) apart at the first one\'s time of day on the branch\'s clock, same service, practitioner and room; all in one transaction sharing a `seriesId`, or none. Every booked session is announced (appointment.changed). Takes an Idempotency-Key as POST /appointments does', 'scheduling', {
					parameters: [
						{
							name: 'Idempotency-Key',
							in: 'header',
							required: false,
							schema: { type: 'string', minLength: 1, maxLength: 200 },
							description: 'Any unique string per booking attempt, kept for 24 hours per user. The same key with a different body answers 422; while the first request is still running, 409 IN_PROGRESS.'
						}
					],
					body: 'BookSeriesInput',
					ok: ['201', '`{ seriesId, items }`: the booked appointments in time order', 'BookedSeries'],
					errors: {
						'400': 'Nothing booked: a field to fix, or sessions that break a rule (closed, holiday, leave…). `clashes` lists each such session: `{ index, start, problems, alternatives }` (SeriesClash); `errors` has its reasons under `sessions.<index>`',
						'409': 'Nothing booked: sessions already taken; `clashes` lists each with what is taken and the nearest free times (SeriesClash)',
						'422': 'The Idempotency-Key was used for a different request'
					}
				})
			},
			'/branches/{branchId}/appointments': {
				parameters: [branchId],
				get: op('listAppointments', 'Appointments and live holds of the branch between `from` and `to` (at most 62 days), for calendars', 'scheduling', {
					parameters: queryParameters(ZAppointmentQuery),
					ok: ['200', '{ items, holds }', 'AppointmentList'],
					errors: { '400': 'A parameter to fix', '404': 'No such branch of yours' }
				})
			},
			'/appointments/{appointmentId}': {
				parameters: [pathId('appointmentId')],
				patch: op('rescheduleAppointment', 'Move (start, practitioner, room) or resize (durationMinutes); send the version you saw. Same rules as booking', 'scheduling', {
					body: 'RescheduleInput',
					ok: ['200', 'The appointment after the move', 'Appointment'],
					errors: { '400': 'Field errors', '404': 'No such appointment of yours', '409': 'Taken (with alternatives), or a stale version (with the current appointment)', '422': 'Cancelled or over' }
				})
			},
			'/appointments/{appointmentId}/cancel': {
				parameters: [pathId('appointmentId')],
				post: op('cancelAppointment', 'Cancel with a reason; the time is free at once and the history keeps it', 'scheduling', { body: 'CancelInput', ok: ['200', 'The cancelled appointment', 'Appointment'], errors: { '409': 'Stale version', '422': 'Already cancelled or over' } })
			},
			'/appointments/{appointmentId}/status': {
				parameters: [pathId('appointmentId')],
				post: op('setAppointmentStatus', 'confirmed, checked-in, in-consultation, completed or no-show', 'scheduling', { body: 'StatusInput', ok: ['200', 'The appointment', 'Appointment'], errors: { '409': 'Stale version', '422': 'Cancelled or over' } })
			},
			'/appointments/{appointmentId}/history': {
				parameters: [pathId('appointmentId')],
				get: op('appointmentHistory', 'Booked, moved (from → to), status changes, cancelled: who and when', 'scheduling', { ok: ['200', '{ events }'] })
			},
			'/branches/{branchId}/holds': {
				parameters: [branchId],
				post: op('holdSlot', 'Hold a slot for two minutes while booking it (one hold per person; a new one replaces it). Other desks see it at once (hold.changed)', 'scheduling', {
					body: 'HoldInput',
					ok: ['201', 'The hold', 'Hold'],
					errors: { '400': 'Field errors', '409': 'Taken (with alternatives)' }
				})
			},
			'/holds/{holdId}': {
				parameters: [pathId('holdId')],
				delete: op('releaseHold', 'Release your own hold', 'scheduling', { ok: ['204', 'Released'], errors: { '404': 'No such hold of yours' } })
			},
			'/patients/{patientId}/portal': {
				parameters: [pathId('patientId')],
				get: op('getPatientPortalStatus', "The patient's portal account: none, invited or active", 'patients', { ok: ['200', 'The account state', 'PortalStatus'], errors: { '404': 'No such patient in your hospital' } }),
				post: op('invitePatientToPortal', 'Email the patient (at the email on their record) a single-use link, valid 72 hours, to create their portal account; again if a link is out', 'patients', {
					ok: ['200', 'The account state (invited)', 'PortalStatus'],
					errors: { '404': 'No such patient in your hospital', '422': 'No email on the record, the address signs in another account, or the account is already in use' }
				})
			},
			...queuePaths(),
			...waitlistPaths(),
			...patientFilePaths(),
			...patientImportPaths(),
			// Rooms (list and create), devices, services, schedules, opening hours, holidays, languages.
			...cataloguePaths({ op, pathId, queryParameters }),
			'/portal/me': {
				get: op('getOwnPatientRecord', "A patient's own record (portal accounts only; staff get 404)", 'portal', { ok: ['200', 'Your record', 'Patient'], errors: { '404': 'Not a portal account' } }),
				patch: op('updateOwnPatientRecord', 'Change your contact details and consents; send the version you saw (a stale one answers 409). Audited; open charts at the clinic update live', 'portal', {
					body: 'PortalUpdateInput',
					ok: ['200', 'Your record after the change', 'Patient'],
					errors: { '400': 'A field to fix', '404': 'Not a portal account', '409': 'The clinic changed your record first' }
				})
			},
			'/users': {
				get: op('listUsers', 'Staff you may see: search (name, email, phone), filter by role, branch and status, sort, page', 'users', {
					parameters: queryParameters(ZUserQuery),
					ok: ['200', 'A page of staff', 'UserPage'],
					errors: { '400': 'A filter to fix', '403': 'Needs users:read' }
				}),
				post: op('inviteUser', 'Invite someone: creates the account and emails a single-use link (72 h) to set a password', 'users', {
					body: 'InviteUserInput',
					ok: ['201', 'The new account (status invited)', 'User'],
					errors: { '400': 'A field to fix (e.g. the email is taken)', '403': 'Needs users:manage where the roles apply, and every permission of the roles granted' }
				})
			},
			'/users/{userId}': {
				parameters: [pathId('userId')],
				get: op('getUser', 'One member of staff', 'users', { ok: ['200', 'The person', 'User'], errors: { '404': 'No such person you may see' } }),
				patch: op('updateUser', 'Change name or phone; send the version you saw (a stale one answers 409)', 'users', {
					body: 'UpdateUserInput',
					ok: ['200', 'The person after the change', 'User'],
					errors: { '400': 'A field to fix', '404': 'No such person you may manage', '409': 'Someone else changed this person first' }
				})
			},
			...Object.fromEntries(
				(
					[
						['deactivate', 'deactivateUser', 'Deactivate: every session and live connection of that person ends at once'],
						['reactivate', 'reactivateUser', 'Reactivate a deactivated account'],
						['unlock', 'unlockUser', 'Lift a lock left by failed sign-ins'],
						['end-sessions', 'endUserSessions', 'End every session of that person (needs sessions:manage)'],
						['resend-invitation', 'resendInvitation', 'Send a new invitation link (the old one stops working)']
					] as const
				).map(([path, id, summary]) => [
					`/users/{userId}/${path}`,
					{
						parameters: [pathId('userId')],
						post: op(id, summary, 'users', {
							ok: path === 'resend-invitation' ? ['204', 'Sent'] : path === 'end-sessions' ? ['200', 'How many sessions ended'] : ['200', 'The person after the change', 'User'],
							errors: { '404': 'No such person you may manage' }
						})
					}
				])
			),
			'/users/{userId}/roles': {
				parameters: [pathId('userId')],
				post: op('grantRole', 'Grant a role hospital-wide (branchId null) or in one branch', 'users', {
					body: 'RoleGrant',
					ok: ['200', 'The person with the new role', 'User'],
					errors: { '400': 'No such role or branch', '403': 'You may not grant this role there', '404': 'No such person you may manage' }
				})
			},
			'/users/{userId}/roles/{assignmentId}': {
				parameters: [pathId('userId'), pathId('assignmentId')],
				delete: op('revokeRole', 'Take a role away; at least one active Hospital admin always remains', 'users', {
					ok: ['200', 'The person without that role', 'User'],
					errors: { '400': 'It is the last Hospital admin', '404': 'No such assignment' }
				})
			},
			'/roles': {
				get: op('listRoles', "The hospital's roles with their permissions and how many people hold them", 'roles', { ok: ['200', 'Roles', 'RoleList'] }),
				post: op('createRole', 'Create a custom role (optionally a copy of another)', 'roles', {
					body: 'CreateRoleInput',
					ok: ['201', 'The role', 'Role'],
					errors: { '400': 'A field to fix (e.g. the name is taken)', '403': 'Needs roles:manage hospital-wide' }
				})
			},
			'/roles/{roleId}': {
				parameters: [pathId('roleId')],
				get: op('getRole', 'One role', 'roles', { ok: ['200', 'The role', 'Role'], errors: { '404': 'No such role' } }),
				patch: op('updateRole', 'Edit a custom role, or whether any role requires MFA; send the version you saw', 'roles', {
					body: 'UpdateRoleInput',
					ok: ['200', 'The role after the change', 'Role'],
					errors: { '400': 'A field to fix, or a system role’s permissions', '409': 'Someone else changed it first' }
				}),
				delete: op('deleteRole', 'Delete a custom role nobody holds', 'roles', { ok: ['204', 'Deleted'], errors: { '400': 'A system role, or still held by someone' } })
			},
			'/permissions': {
				get: op('listPermissions', 'The permission catalogue, grouped by module, with a plain-language line each', 'roles', { ok: ['200', 'Groups of permissions'] })
			},
			'/invitations/accept': {
				post: {
					...op('acceptInvitation', 'Set a password from an invitation link; answers with the session cookie', 'users', {
						body: 'AcceptInvitationInput',
						ok: ['200', 'Joined and signed in'],
						errors: { '400': 'The password is refused (the reason is in errors.password)', '404': 'The link expired or was used' }
					}),
					security: []
				}
			},
			'/me/sessions': {
				get: op('listMySessions', 'Where I am signed in (this session first): device, address, last activity', 'sessions', { ok: ['200', 'My sessions', 'SessionList'] })
			},
			'/me/sessions/{sessionId}': {
				parameters: [{ name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } }],
				delete: op('endMySession', 'End one of my sessions; it is refused on its next request and its live connections close within 2 s', 'sessions', {
					ok: ['204', 'Ended'],
					errors: { '404': 'No such session of mine' }
				})
			},
			'/me/sessions/revoke-others': {
				post: op('endMyOtherSessions', 'Sign out everywhere else; answers { ended: number }', 'sessions', { ok: ['200', 'How many ended'] })
			},
			'/audit': {
				get: op('listAudit', 'The audit trail, newest first (hospital-wide readers see every row; branch readers the rows of their branches)', 'audit', {
					parameters: auditQueryParameters(),
					ok: ['200', 'A page of events', 'AuditPage'],
					errors: { '400': 'A filter to fix (named in errors)', '403': 'Needs audit:read' }
				})
			},
			'/audit/export': {
				get: {
					operationId: 'exportAudit',
					summary: 'The filtered trail as CSV (at most 50,000 rows); the export is itself audited',
					tags: ['audit'],
					security,
					parameters: auditQueryParameters().filter((p) => p.name !== 'page' && p.name !== 'pageSize'),
					responses: {
						'200': { description: 'CSV, one row per event', content: { 'text/csv': { schema: { type: 'string' } } } },
						'401': problem('Not signed in'),
						'403': problem('Needs audit:read')
					}
				}
			},
			'/audit/verify': {
				post: op('verifyAudit', "Re-compute the hospital's hash chain; names the first broken row, if any", 'audit', {
					ok: ['200', 'The verdict', 'ChainReport'],
					errors: { '403': 'Needs audit:read hospital-wide' }
				})
			},
			'/branches/{branchId}/notices/{id}/dismissal': {
				parameters: [branchId, noticeId],
				put: op('dismissNotice', 'Hide a notice for yourself only', 'notices', { ok: ['204', 'Hidden for you'], errors: { '404': 'No such notice in that branch' } })
			}
		}
	};
}
