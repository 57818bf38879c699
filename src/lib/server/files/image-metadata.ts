/**
 * Remove what a camera writes about a photo besides the picture — GPS position, time, device,
 * owner, embedded previews — without decoding or re-encoding the image itself, so a clinical
 * photo keeps its full quality and colour profile. Each function answers null when the file
 * does not have the structure its type promises (the caller refuses it as damaged).
 */

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function startsWith(b: Uint8Array, text: string): boolean {
	return b.length >= text.length && ascii(b, 0, text.length) === text;
}

/**
 * A JPEG with only what decoding needs: JFIF (APP0), the colour profile (APP2 ICC_PROFILE) and
 * Adobe's colour transform (APP14), plus the frame and scan segments. Dropped: EXIF and XMP
 * (APP1, where GPS lives), IPTC (APP13), the multi-picture index (APP2 MPF), other APPn,
 * comments, and anything after the end of the image (phones append depth maps and second
 * pictures there, each with its own EXIF).
 */
export function stripJpeg(bytes: Uint8Array): Uint8Array | null {
	const b = bytes;
	if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
	const out: Uint8Array[] = [b.subarray(0, 2)];
	let i = 2;
	while (i < b.length) {
		if (b[i] !== 0xff) return null;
		while (b[i + 1] === 0xff) i++; // fill bytes before a marker
		const marker = b[i + 1];
		if (marker === undefined) return null;
		if (marker === 0xd9) {
			out.push(b.subarray(i, i + 2));
			return concat(out);
		}
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			out.push(b.subarray(i, i + 2));
			i += 2;
			continue;
		}
		if (i + 4 > b.length) return null;
		const end = i + 2 + u16(b, i + 2);
		if (end > b.length || end < i + 4) return null;
		const payload = b.subarray(i + 4, end);
		const keep =
			marker < 0xe0 || marker > 0xef
				? marker !== 0xfe
				: marker === 0xe0 || (marker === 0xe2 && startsWith(payload, 'ICC_PROFILE\0')) || (marker === 0xee && startsWith(payload, 'Adobe'));
		if (keep) out.push(b.subarray(i, end));
		i = end;
		if (marker === 0xda) {
			// Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
			let j = i;
			for (;;) {
				j = b.indexOf(0xff, j);
				if (j < 0 || j + 1 >= b.length) {
					// No end-of-image marker: keep the scan as it is, as decoders do.
					out.push(b.subarray(i));
					return concat(out);
				}
				const next = b[j + 1]!;
				if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) j += next === 0xff ? 1 : 2;
				else break;
			}
			out.push(b.subarray(i, j));
			i = j;
		}
	}
	return null;
}

const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** A PNG without its EXIF, text (where XMP and editors' notes live) and time chunks, and nothing after IEND. */
export function stripPng(bytes: Uint8Array): Uint8Array | null {
	const b = bytes;
	if (b.length < 8) return null;
	const out: Uint8Array[] = [b.subarray(0, 8)];
	let i = 8;
	while (i + 12 <= b.length) {
		const length = u32(b, i);
		const type = ascii(b, i + 4, i + 8);
		const end = i + 12 + length;
		if (end > b.length || !/^[A-Za-z]{4}$/.test(type)) return null;
		if (!PNG_METADATA_CHUNKS.has(type)) out.push(b.subarray(i, end));
		i = end;
		if (type === 'IEND') return concat(out);
	}
	return null;
}

/** A WebP without its EXIF and XMP chunks (and the extended header's flags saying it has them). */
export function stripWebp(bytes: Uint8Array): Uint8Array | null {
	const b = bytes;
	if (b.length < 12 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 12) !== 'WEBP') return null;
	const riffEnd = 8 + u32le(b, 4);
	if (riffEnd > b.length || riffEnd < 12) return null;
	const chunks: Uint8Array[] = [];
	let i = 12;
	while (i + 8 <= riffEnd) {
		const type = ascii(b, i, i + 4);
		const size = u32le(b, i + 4);
		const end = i + 8 + size + (size % 2);
		if (i + 8 + size > riffEnd) return null;
		const chunk = b.subarray(i, Math.min(end, riffEnd));
		if (type === 'VP8X' && size >= 10) {
			const copy = chunk.slice();
			copy[8]! &= ~0x0c; // EXIF and XMP present flags
			chunks.push(copy);
		} else if (type !== 'EXIF' && type !== 'XMP ') chunks.push(chunk);
		i = end;
	}
	if (!chunks.length) return null;
	const body = concat(chunks);
	const header = new Uint8Array(12);
	header.set(b.subarray(0, 12));
	new DataView(header.buffer).setUint32(4, body.length + 4, true);
	return concat([header, body]);
}

interface Box {
	type: string;
	/** Where the box's content starts (after size and type) and where the box ends. */
	start: number;
	end: number;
}

function* boxes(b: Uint8Array, from: number, to: number): Generator<Box> {
	let i = from;
	while (i + 8 <= to) {
		let size = u32(b, i);
		const type = ascii(b, i + 4, i + 8);
		let start = i + 8;
		if (size === 1) {
			if (i + 16 > to) throw new RangeError('box');
			const high = u32(b, i + 8);
			if (high !== 0) throw new RangeError('box');
			size = u32(b, i + 12);
			start = i + 16;
		} else if (size === 0) size = to - i;
		const end = i + size;
		if (size < start - i || end > to) throw new RangeError('box');
		yield { type, start, end };
		i = end;
	}
}

function readUint(b: Uint8Array, at: number, size: number): number {
	let value = 0;
	for (let k = 0; k < size; k++) value = value * 256 + b[at + k]!;
	return value;
}

function cString(b: Uint8Array, at: number, end: number): { text: string; next: number } {
	let stop = at;
	while (stop < end && b[stop] !== 0) stop++;
	return { text: ascii(b, at, stop), next: stop + 1 };
}

/**
 * A HEIF/HEIC photo with its EXIF and XMP items blanked (overwritten with zeros where they
 * are stored, so every offset in the file stays valid). The image items are untouched: the
 * photo is not decoded, which matters because HEVC decoding may not be available.
 */
export function stripHeif(bytes: Uint8Array): Uint8Array | null {
	try {
		const b = bytes;
		const meta = [...boxes(b, 0, b.length)].find((x) => x.type === 'meta');
		if (!meta) return null;
		const children = [...boxes(b, meta.start + 4, meta.end)];
		const iinf = children.find((x) => x.type === 'iinf');
		const iloc = children.find((x) => x.type === 'iloc');
		const idat = children.find((x) => x.type === 'idat');
		if (!iinf || !iloc) return null;

		const metadataItems = new Set<number>();
		const iinfVersion = b[iinf.start]!;
		const entriesStart = iinf.start + 4 + (iinfVersion === 0 ? 2 : 4);
		for (const infe of boxes(b, entriesStart, iinf.end)) {
			if (infe.type !== 'infe') continue;
			const version = b[infe.start]!;
			let at = infe.start + 4;
			let id: number;
			let itemType = 'mime';
			if (version >= 2) {
				id = version === 2 ? u16(b, at) : u32(b, at);
				at += (version === 2 ? 2 : 4) + 2;
				itemType = ascii(b, at, at + 4);
				at += 4;
			} else {
				id = u16(b, at);
				at += 4;
			}
			const name = cString(b, at, infe.end);
			const contentType = itemType === 'mime' ? cString(b, name.next, infe.end).text.toLowerCase() : '';
			if (itemType === 'Exif' || (itemType === 'mime' && (contentType.includes('rdf+xml') || contentType.includes('xmp')))) metadataItems.add(id);
		}

		const out = b.slice();
		if (!metadataItems.size) return out;
		const version = b[iloc.start]!;
		let at = iloc.start + 4;
		const offsetSize = b[at]! >> 4;
		const lengthSize = b[at]! & 0x0f;
		const baseOffsetSize = b[at + 1]! >> 4;
		const indexSize = version === 1 || version === 2 ? b[at + 1]! & 0x0f : 0;
		at += 2;
		const itemCount = version < 2 ? u16(b, at) : u32(b, at);
		at += version < 2 ? 2 : 4;
		for (let n = 0; n < itemCount; n++) {
			const id = version < 2 ? u16(b, at) : u32(b, at);
			at += version < 2 ? 2 : 4;
			let method = 0;
			if (version === 1 || version === 2) {
				method = u16(b, at) & 0x0f;
				at += 2;
			}
			at += 2; // data reference index
			const base = readUint(b, at, baseOffsetSize);
			at += baseOffsetSize;
			const extents = u16(b, at);
			at += 2;
			for (let e = 0; e < extents; e++) {
				at += indexSize;
				const offset = readUint(b, at, offsetSize);
				at += offsetSize;
				const length = readUint(b, at, lengthSize);
				at += lengthSize;
				if (at > iloc.end) return null;
				if (!metadataItems.has(id)) continue;
				const origin = method === 0 ? 0 : method === 1 && idat ? idat.start : -1;
				const from = origin + base + offset;
				// An item we cannot locate (stored in another item, or "to the end") cannot be blanked.
				if (origin < 0 || length === 0 || from + length > b.length) return null;
				out.fill(0, from, from + length);
			}
		}
		return out;
	} catch (e) {
		if (e instanceof RangeError) return null;
		throw e;
	}
}
