/** What an uploaded image really is, judged by its first bytes (never by its name or header). */
export function imageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
	const b = bytes;
	if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
	if (b.length > 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
	return null;
}

/**
 * A JPEG without its APP1 segments (EXIF and XMP: camera, time, GPS position). The image data
 * itself is untouched. Anything that does not parse as expected is returned unchanged.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
	const out: Uint8Array[] = [bytes.subarray(0, 2)];
	let i = 2;
	while (i + 4 <= bytes.length) {
		if (bytes[i] !== 0xff) return bytes;
		const marker = bytes[i + 1]!;
		if (marker === 0xda) {
			out.push(bytes.subarray(i)); // start of scan: the rest is image data
			return concat(out);
		}
		const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
		if (length < 2 || i + 2 + length > bytes.length) return bytes;
		if (marker !== 0xe1) out.push(bytes.subarray(i, i + 2 + length));
		i += 2 + length;
	}
	return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
