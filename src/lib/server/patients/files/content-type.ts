import type { PatientFileType } from '../../../shared/patients/patient-files.schema.ts';

/**
 * ISO-BMFF brands that mark a HEIF still image: Apple's and Android's HEVC photos (heic, heix…),
 * and the generic image brands (mif1, msf1, mif2) that other encoders put first.
 */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2']);

function ascii(bytes: Uint8Array, from: number, to: number): string {
	return String.fromCharCode(...bytes.subarray(from, to));
}

/** The brands of an ISO-BMFF `ftyp` box at the start of the file: major first, then the compatible ones. */
export function ftypBrands(bytes: Uint8Array): string[] | null {
	if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
	const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
	if (size < 16 || size > 4096 || size > bytes.length || size % 4 !== 0) return null;
	const brands = [ascii(bytes, 8, 12)];
	for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, at + 4));
	return brands;
}

/**
 * What a file really is, judged only by its first bytes (never by its name or the type the
 * client claimed), or null when it is none of the accepted types. An HTML page renamed .jpg, an
 * SVG, a ZIP or an executable all answer null.
 */
export function detectFileType(bytes: Uint8Array): PatientFileType | null {
	const b = bytes;
	if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b.length >= 16 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
	if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
	if (b.length >= 8 && /^%PDF-[12]\.\d/.test(ascii(b, 0, 8))) return 'application/pdf';
	const brands = ftypBrands(b);
	if (brands) {
		if (brands.some((x) => HEIC_BRANDS.has(x))) return 'image/heic';
		if (brands.some((x) => HEIF_BRANDS.has(x))) return 'image/heif';
	}
	return null;
}

/** The usual file-name extensions of each type; the first is the one added when a name has none. */
export const EXTENSIONS: Record<PatientFileType, readonly string[]> = {
	'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
	'image/png': ['png'],
	'image/webp': ['webp'],
	'image/heic': ['heic', 'heif', 'hif'],
	'image/heif': ['heif', 'heic', 'hif', 'avif'],
	'application/pdf': ['pdf']
};
