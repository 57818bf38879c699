import { msg } from '../../../shared/i18n/translate.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { uploadTooLarge, type FileContent, type UploadedFile } from '../patient-files.service.ts';
import { contentDisposition } from './file-name.ts';
import { FORM_ALLOWANCE_BYTES, MultipartError, multipartBoundary, readMultipart } from './multipart.ts';

/**
 * The file and its fields from a multipart/form-data request, read as it streams in: a body
 * that announces itself too large is refused before a byte is read, and one that turns out too
 * large is refused at the first byte past the limit. Nothing is buffered beyond the limit.
 */
export async function readUpload(request: Request, maxBytes: number): Promise<{ fields: Record<string, string>; file: UploadedFile | null }> {
	const boundary = multipartBoundary(request.headers.get('content-type'));
	if (!boundary) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', msg('files.errors.notMultipart'));
	const announced = Number(request.headers.get('content-length'));
	if (Number.isFinite(announced) && announced > maxBytes + FORM_ALLOWANCE_BYTES) throw uploadTooLarge(maxBytes);
	let form: Awaited<ReturnType<typeof readMultipart>>;
	try {
		form = await readMultipart(request.body, boundary, { fileBytes: maxBytes, fieldBytes: 4096, fields: 20, files: 1, headerBytes: 8192 });
	} catch (e) {
		if (e instanceof MultipartError) {
			switch (e.problem) {
				case 'file-too-large':
					throw uploadTooLarge(maxBytes);
				case 'field-too-large':
					throw new DomainError('PAYLOAD_TOO_LARGE', msg('files.errors.fieldTooLarge'));
				case 'too-many-files':
					throw new DomainError('UNPROCESSABLE', msg('files.errors.oneFile'), { fields: { file: [msg('files.errors.oneFile')] } });
				case 'too-many-fields':
					throw new DomainError('UNPROCESSABLE', msg('files.errors.tooManyFields'));
				default:
					throw new DomainError('VALIDATION_FAILED', msg('files.errors.malformed'));
			}
		}
		// The HTTP layer's own body limit (adapter-node's BODY_SIZE_LIMIT) ends the stream with a 413.
		if ((e as { status?: number })?.status === 413) throw uploadTooLarge(maxBytes);
		throw new DomainError('VALIDATION_FAILED', msg('files.errors.malformed'));
	}
	// A text field named "file" is not the file; it is simply not taken.
	const fields = { ...form.fields };
	delete fields.file;
	const part = form.files[0];
	if (part && part.field !== 'file') throw new DomainError('UNPROCESSABLE', msg('files.errors.fileField', { field: part.field.slice(0, 40) }), { fields: { file: [msg('files.errors.chooseFile')] } });
	return { fields, file: part ? { fileName: part.fileName, bytes: part.bytes } : null };
}

/**
 * A stored file as an HTTP answer. Whatever the bytes are, a browser must not run them: never
 * sniffed into another type, sandboxed with no sources allowed, not cached on a shared computer.
 */
export function fileResponse(content: FileContent, disposition: 'attachment' | 'inline', fileName = content.fileName): Response {
	// The store hands out buffers of its own (never shared memory), so no copy is needed.
	return new Response(content.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': content.contentType,
			'content-length': String(content.bytes.byteLength),
			'content-disposition': contentDisposition(disposition, fileName),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
}
