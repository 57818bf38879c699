import { stripJpeg, stripPng, stripWebp } from '../files/image-metadata.ts';

/** What an uploaded image really is, judged by its first bytes (never by its name or header). */
export function imageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
	const b = bytes;
	if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
	if (b.length > 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
	return null;
}

/**
 * A staff photo without what the camera wrote about it (EXIF, XMP, GPS, text chunks), by the same
 * stripping as clinical photos. A file whose structure does not parse is kept as it came: it is
 * only ever shown to colleagues, as an image with nosniff.
 */
export function stripPhotoMetadata(type: 'image/jpeg' | 'image/png' | 'image/webp', bytes: Uint8Array): Uint8Array {
	const strip = type === 'image/jpeg' ? stripJpeg : type === 'image/png' ? stripPng : stripWebp;
	return strip(bytes) ?? bytes;
}
