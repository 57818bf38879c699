/**
 * A streaming reader for multipart/form-data (RFC 7578) that holds at most the limits it is
 * given: a file part longer than `fileBytes` stops the read at `fileBytes + 1` bytes, without
 * taking in the rest of the body. Parts arrive in any order; only one file is accepted.
 */

/** Room for an upload form's text fields and part headers beside the file itself. */
export const FORM_ALLOWANCE_BYTES = 64 * 1024;

export interface MultipartLimits {
	fileBytes: number;
	/** Per text field. */
	fieldBytes: number;
	fields: number;
	files: number;
	/** For one part's header block. */
	headerBytes: number;
}

export interface MultipartFile {
	field: string;
	fileName: string;
	contentType: string;
	bytes: Uint8Array;
}

export interface MultipartForm {
	fields: Record<string, string>;
	files: MultipartFile[];
}

export type MultipartProblem = 'not-multipart' | 'malformed' | 'file-too-large' | 'field-too-large' | 'too-many-fields' | 'too-many-files';

export class MultipartError extends Error {
	readonly problem: MultipartProblem;
	constructor(problem: MultipartProblem) {
		super(`multipart: ${problem}`);
		this.name = 'MultipartError';
		this.problem = problem;
	}
}

/** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
export function multipartBoundary(contentType: string | null): string | null {
	if (!contentType) return null;
	const [type, ...rest] = splitParams(contentType);
	if (type?.toLowerCase() !== 'multipart/form-data') return null;
	const boundary = rest.map(parseParam).find((p) => p?.name === 'boundary')?.value;
	return boundary && /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(boundary) && !boundary.endsWith(' ') ? boundary : null;
}

/** Split a header value on `;` outside quoted strings. */
function splitParams(value: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < value.length; i++) {
		const ch = value[i]!;
		if (quoted && ch === '\\' && i + 1 < value.length) {
			current += ch + value[++i];
			continue;
		}
		if (ch === '"') quoted = !quoted;
		if (ch === ';' && !quoted) {
			parts.push(current.trim());
			current = '';
		} else current += ch;
	}
	parts.push(current.trim());
	return parts;
}

function parseParam(part: string): { name: string; value: string } | null {
	const eq = part.indexOf('=');
	if (eq < 1) return null;
	const name = part.slice(0, eq).trim().toLowerCase();
	let value = part.slice(eq + 1).trim();
	// Only \" and \\ are escapes: browsers send other backslashes as they are (old ones send
	// whole Windows paths), and the folders are dropped later.
	if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(["\\])/g, '$1');
	return { name, value };
}

/** RFC 8187 `UTF-8''%E0%A4%…`; null when it does not decode. */
function extendedValue(value: string): string | null {
	const m = /^utf-8'[^']*'(.*)$/i.exec(value);
	if (!m) return null;
	try {
		return decodeURIComponent(m[1]!);
	} catch {
		return null;
	}
}

interface PartHeaders {
	name: string;
	fileName: string | null;
	contentType: string;
}

function parseHeaders(block: string): PartHeaders | null {
	let disposition: string | null = null;
	let contentType = 'text/plain';
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon < 1) continue;
		const key = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (key === 'content-disposition') disposition = value;
		else if (key === 'content-type') contentType = value;
	}
	if (!disposition) return null;
	const [kind, ...rest] = splitParams(disposition);
	if (kind?.toLowerCase() !== 'form-data') return null;
	const params = new Map(rest.map(parseParam).filter((p) => p !== null).map((p) => [p.name, p.value]));
	const name = params.get('name');
	if (!name) return null;
	const extended = params.has('filename*') ? extendedValue(params.get('filename*')!) : null;
	const fileName = extended ?? params.get('filename') ?? null;
	return { name, fileName, contentType };
}

const CRLF = new Uint8Array([13, 10]);

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
	return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength), from);
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (!a.length) return b;
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/**
 * Read a multipart body from a stream. Stops reading as soon as a limit is passed (throwing a
 * MultipartError) or the closing boundary is seen; the rest of the stream is left unread.
 */
export async function readMultipart(body: ReadableStream<Uint8Array> | null, boundary: string, limits: MultipartLimits): Promise<MultipartForm> {
	if (!body) throw new MultipartError('malformed');
	const reader = body.getReader();
	const delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
	const decoder = new TextDecoder('utf-8');
	const form: MultipartForm = { fields: Object.create(null) as Record<string, string>, files: [] };
	let fieldCount = 0;
	// A leading CRLF lets the first boundary be found like every other one.
	let buf: Uint8Array = CRLF;
	let ended = false;
	let state: 'preamble' | 'after-boundary' | 'headers' | 'body' = 'preamble';
	let part: (PartHeaders & { chunks: Uint8Array[]; size: number }) | null = null;

	const more = async (): Promise<void> => {
		if (ended) throw new MultipartError('malformed');
		const { done, value } = await reader.read();
		if (done) ended = true;
		else buf = join(buf, value);
	};

	const append = (bytes: Uint8Array) => {
		if (!part || !bytes.length) return;
		part.size += bytes.length;
		if (part.fileName !== null ? part.size > limits.fileBytes : part.size > limits.fieldBytes) {
			throw new MultipartError(part.fileName !== null ? 'file-too-large' : 'field-too-large');
		}
		// A copy: `buf` is a view into a chunk the stream may reuse.
		part.chunks.push(bytes.slice());
	};

	const finishPart = () => {
		if (!part) return;
		const bytes = part.chunks.length === 1 ? part.chunks[0]! : new Uint8Array(Buffer.concat(part.chunks));
		if (part.fileName !== null) form.files.push({ field: part.name, fileName: part.fileName, contentType: part.contentType, bytes });
		else if (!Object.hasOwn(form.fields, part.name)) form.fields[part.name] = decoder.decode(bytes);
		part = null;
	};

	try {
		for (;;) {
			if (state === 'preamble') {
				const at = indexOf(buf, delimiter);
				if (at < 0) {
					if (buf.length > limits.headerBytes) throw new MultipartError('malformed');
					await more();
					continue;
				}
				buf = buf.subarray(at + delimiter.length);
				state = 'after-boundary';
			} else if (state === 'after-boundary') {
				if (buf.length < 2) {
					await more();
					continue;
				}
				if (buf[0] === 0x2d && buf[1] === 0x2d) return form; // "--": the closing boundary
				const eol = indexOf(buf, CRLF);
				if (eol < 0) {
					if (buf.length > 256) throw new MultipartError('malformed');
					await more();
					continue;
				}
				// Only spaces and tabs may sit between a boundary and its line end.
				if (buf.subarray(0, eol).some((c) => c !== 0x20 && c !== 0x09)) throw new MultipartError('malformed');
				buf = buf.subarray(eol + 2);
				state = 'headers';
			} else if (state === 'headers') {
				const empty = buf.length >= 2 && buf[0] === 13 && buf[1] === 10;
				const end = empty ? 0 : indexOf(buf, new Uint8Array([13, 10, 13, 10]));
				if (!empty && end < 0) {
					if (buf.length > limits.headerBytes) throw new MultipartError('malformed');
					await more();
					continue;
				}
				const headers = empty ? null : parseHeaders(decoder.decode(buf.subarray(0, end)));
				if (!headers) throw new MultipartError('malformed');
				buf = buf.subarray(end + 4);
				if (headers.fileName !== null) {
					if (form.files.length >= limits.files) throw new MultipartError('too-many-files');
				} else if (++fieldCount > limits.fields) throw new MultipartError('too-many-fields');
				part = { ...headers, chunks: [], size: 0 };
				state = 'body';
			} else {
				const at = indexOf(buf, delimiter);
				if (at >= 0) {
					append(buf.subarray(0, at));
					finishPart();
					buf = buf.subarray(at + delimiter.length);
					state = 'after-boundary';
					continue;
				}
				// Keep a tail that could be the start of the delimiter; the rest is part data.
				const safe = buf.length - (delimiter.length - 1);
				if (safe > 0) {
					append(buf.subarray(0, safe));
					buf = buf.subarray(safe);
				}
				await more();
			}
		}
	} finally {
		reader.releaseLock();
	}
}
