import sharp from 'sharp';
import type { PatientFileType } from '../../../shared/patients/patient-files.schema.ts';
import { stripHeif, stripJpeg, stripPng, stripWebp } from '../../files/image-metadata.ts';

// Decoded patient photos should not linger in libvips' operation cache.
sharp.cache(false);

export const THUMBNAIL_SIZE = 320;

export class DamagedImageError extends Error {
	constructor() {
		super('the image could not be read');
		this.name = 'DamagedImageError';
	}
}

/** A small WebP preview for the gallery, upright, without any metadata. */
async function thumbnailOf(bytes: Uint8Array): Promise<Uint8Array> {
	return sharp(bytes, { failOn: 'error' })
		.autoOrient()
		.resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
		.webp({ quality: 78 })
		.toBuffer();
}

/**
 * The bytes to store for an uploaded file, and its thumbnail. Images lose every bit of metadata
 * (GPS above all) without being re-encoded; only a photo whose EXIF says it is turned (phones do
 * this) is re-encoded upright at high quality, since dropping that tag alone would turn it.
 * JPEG, PNG and WebP must decode, or they are refused as damaged. HEIC/HEIF is blanked of EXIF
 * and XMP and kept as it is; it gets a thumbnail only if this build of libvips decodes it
 * (the prebuilt one decodes AVIF, not HEVC, so iPhone photos show a placeholder).
 */
export async function prepareFile(type: PatientFileType, bytes: Uint8Array): Promise<{ bytes: Uint8Array; thumbnail: Uint8Array | null }> {
	if (type === 'application/pdf') return { bytes, thumbnail: null };
	if (type === 'image/heic' || type === 'image/heif') {
		const stripped = stripHeif(bytes);
		if (!stripped) throw new DamagedImageError();
		const thumbnail = await thumbnailOf(stripped).catch(() => null);
		return { bytes: stripped, thumbnail };
	}
	let orientation: number;
	try {
		orientation = (await sharp(bytes).metadata()).orientation ?? 1;
	} catch {
		throw new DamagedImageError();
	}
	let stored: Uint8Array | null;
	if (orientation > 1) {
		const upright = sharp(bytes, { failOn: 'error' }).autoOrient().keepIccProfile();
		const encoded = type === 'image/jpeg' ? upright.jpeg({ quality: 92, chromaSubsampling: '4:4:4' }) : type === 'image/png' ? upright.png() : upright.webp({ quality: 92 });
		stored = await encoded.toBuffer().catch(() => null);
	} else {
		stored = type === 'image/jpeg' ? stripJpeg(bytes) : type === 'image/png' ? stripPng(bytes) : stripWebp(bytes);
	}
	if (!stored) throw new DamagedImageError();
	try {
		// Decoding the thumbnail from what is stored also proves the stored file opens.
		return { bytes: stored, thumbnail: await thumbnailOf(stored) };
	} catch {
		throw new DamagedImageError();
	}
}
