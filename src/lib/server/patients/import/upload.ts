import { IMPORT_MAX_BYTES } from '../../../shared/patients/patient-import.schema.ts';
import { msg } from '../../../shared/i18n/translate.ts';
import { DomainError, isDomainError } from '../../errors/domain-error.ts';

/** Room for the multipart boundaries and the form's text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export function fileTooLarge(): DomainError {
	const m = msg('imports.v.fileTooLarge', { maxMb: IMPORT_MAX_BYTES / 1024 / 1024 });
	return new DomainError('PAYLOAD_TOO_LARGE', m, { fields: { file: [m] } });
}

function badUpload(): DomainError {
	const m = msg('imports.v.multipart');
	return new DomainError('UNSUPPORTED_MEDIA_TYPE', m, { fields: { file: [m] } });
}

/**
 * A multipart upload (the CSV in the field `file`, text fields beside it), read with its size
 * counted as it streams in: a body past the limit is cut off there, never held whole in memory.
 * The bounded bytes are then parsed by the platform's own multipart parser.
 */
export async function readUpload(request: Request, maxBytes = IMPORT_MAX_BYTES): Promise<{ file: { name: string; bytes: Uint8Array } | null; fields: Record<string, string> }> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data\b/i.test(type) || !request.body) throw badUpload();
	const limit = maxBytes + ENVELOPE_BYTES;
	if (Number(request.headers.get('content-length') ?? 0) > limit) throw fileTooLarge();

	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.byteLength;
			if (total > limit) {
				await reader.cancel().catch(() => undefined);
				throw fileTooLarge();
			}
			chunks.push(value);
		}
	} catch (e) {
		// The server's own body limit (adapter-node's BODY_SIZE_LIMIT, a 413) or a dropped connection ends the stream with an error.
		if (isDomainError(e)) throw e;
		throw total > maxBytes || (e as { status?: number } | null)?.status === 413 ? fileTooLarge() : badUpload();
	}
	const body = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		body.set(c, at);
		at += c.byteLength;
	}

	let form: FormData;
	try {
		form = await new Response(body, { headers: { 'content-type': type } }).formData();
	} catch {
		throw badUpload();
	}
	const fields: Record<string, string> = {};
	let file: { name: string; bytes: Uint8Array } | null = null;
	for (const [name, value] of form) {
		if (typeof value === 'string') fields[name] = value;
		else if (name === 'file' && !file) {
			if (value.size > maxBytes) throw fileTooLarge();
			file = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
		}
	}
	return { file, fields };
}
