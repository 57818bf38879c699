import { z } from 'zod';

export const PATIENT_FILE_KINDS = ['document', 'photo'] as const;
export type PatientFileKind = (typeof PATIENT_FILE_KINDS)[number];
export const PHOTO_VIEWS = ['front', 'left', 'right', 'back', 'close-up', 'other'] as const;
export type PhotoView = (typeof PHOTO_VIEWS)[number];
export const PHOTO_PHASES = ['before', 'after'] as const;
export type PhotoPhase = (typeof PHOTO_PHASES)[number];

/** What the server accepts, judged by the bytes. Photos may be any of the images; documents also PDF. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
export const DOCUMENT_TYPES = [...PHOTO_TYPES, 'application/pdf'] as const;
export type PatientFileType = (typeof DOCUMENT_TYPES)[number];
/** Images a browser can show; HEIC/HEIF are kept as they are and offered for download only. */
export const VIEWABLE_TYPES: readonly PatientFileType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Body areas offered as suggestions (the field itself is free text, e.g. "left cheek"). */
export const COMMON_BODY_AREAS = ['face', 'forehead', 'cheeks', 'nose', 'chin', 'scalp', 'neck', 'chest', 'back', 'abdomen', 'arms', 'hands', 'legs', 'feet'] as const;

/** Today's date where the day has begun earliest (UTC+14), so a photo taken just after local midnight is never "in the future". */
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

const text = (max: number, key: string) => z.string({ error: key }).trim().max(max, 'validation.tooLong');

const ZTakenOn = z.iso
	.date({ error: 'files.v.takenOn' })
	.refine((d) => d >= '1900-01-01', { error: 'files.v.takenOn' })
	.refine((d) => d <= latestToday(), { error: 'files.v.takenOnFuture' });

const ZDocumentMeta = z
	.object({
		kind: z.literal('document'),
		title: text(200, 'files.v.title').optional()
	})
	.strict();

const ZPhotoMeta = z
	.object({
		kind: z.literal('photo'),
		title: text(200, 'files.v.title').optional(),
		bodyArea: text(60, 'files.v.bodyArea').min(1, 'files.v.bodyArea'),
		view: z.enum(PHOTO_VIEWS, { error: 'files.v.view' }).default('front'),
		/** Defaults to the day of the upload. */
		takenOn: ZTakenOn.optional(),
		treatmentSession: text(120, 'files.v.treatmentSession').optional(),
		phase: z.enum(PHOTO_PHASES, { error: 'files.v.phase' }).optional()
	})
	.strict();

/**
 * The fields sent beside the file (multipart form fields, so every value arrives as text). An
 * empty field counts as not sent; `kind` defaults to document. Photo fields on a document are
 * refused rather than dropped, so a client learns it sent the wrong kind.
 */
export const ZUploadPatientFileInput = z.preprocess(
	(input) => {
		if (!input || typeof input !== 'object') return input;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(input)) if (!(typeof v === 'string' && v.trim() === '')) out[k] = v;
		out.kind ??= 'document';
		return out;
	},
	z.discriminatedUnion('kind', [ZDocumentMeta, ZPhotoMeta], { error: 'files.v.kind' })
);
export type UploadPatientFileInput = z.input<typeof ZUploadPatientFileInput>;
export type UploadPatientFileMeta = z.output<typeof ZUploadPatientFileInput>;

export const ZListPatientFilesQuery = z
	.object({
		kind: z.enum(PATIENT_FILE_KINDS, { error: 'files.v.kind' }).optional()
	})
	.strict();

export const ZPatientFile = z.object({
	id: z.uuid(),
	patientId: z.uuid(),
	kind: z.enum(PATIENT_FILE_KINDS),
	contentType: z.enum(DOCUMENT_TYPES),
	/** The name it was uploaded with, cleaned: no folders, control characters or misleading extension. */
	fileName: z.string(),
	byteSize: z.int(),
	/** Of the stored bytes (after location and other metadata were removed): what a download returns. */
	sha256: z.string(),
	title: z.string().nullable(),
	bodyArea: z.string().nullable(),
	view: z.enum(PHOTO_VIEWS).nullable(),
	takenOn: z.iso.date().nullable(),
	treatmentSession: z.string().nullable(),
	phase: z.enum(PHOTO_PHASES).nullable(),
	uploadedBy: z.object({ id: z.uuid(), name: z.string() }),
	createdAt: z.iso.datetime(),
	version: z.int(),
	/** The file itself (as an attachment; add ?disposition=inline for an image to show it). */
	contentUrl: z.string(),
	/** A small WebP preview (about 320 px), or null when none could be made (PDF, HEIC). */
	thumbnailUrl: z.string().nullable()
});
export type PatientFileDto = z.infer<typeof ZPatientFile>;

export const ZPatientFileList = z.object({
	items: z.array(ZPatientFile),
	/** The largest file the server accepts (UPLOAD_MAX_MB), so a client can say so before uploading. */
	uploadMaxBytes: z.int()
});
export type PatientFileList = z.infer<typeof ZPatientFileList>;

/** Are two body areas the same, as a person would read them ("Left cheek" = "left  cheek")? */
export function sameBodyArea(a: string | null, b: string | null): boolean {
	return !!a && !!b && normaliseBodyArea(a) === normaliseBodyArea(b);
}

export function normaliseBodyArea(area: string): string {
	return area.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
