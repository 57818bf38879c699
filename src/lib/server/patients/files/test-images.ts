import sharp from 'sharp';

/** Real images made by libvips, with a camera's EXIF (GPS included) and XMP, for the tests. */
export const CAMERA_EXIF = {
	IFD0: { Make: 'PhoneCo', Model: 'Snap 12', Copyright: 'Dr Secret' },
	IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '12/1 58/1 17/1', GPSLongitudeRef: 'E', GPSLongitude: '77/1 35/1 40/1' }
};
export const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>XMPSECRET</rdf:Description></rdf:RDF></x:xmpmeta>';

export async function cameraImage(format: 'jpeg' | 'png' | 'webp' | 'avif', options: { width?: number; height?: number; orientation?: number } = {}): Promise<Uint8Array> {
	const image = sharp({ create: { width: options.width ?? 64, height: options.height ?? 48, channels: 3, background: '#b4553c' } }).toFormat(format).withExif(CAMERA_EXIF).withXmp(XMP);
	return new Uint8Array(await (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).toBuffer());
}

/** An AVIF relabelled as an HEVC photo (as an iPhone writes): same container, an image libvips here cannot decode. */
export function asUndecodableHeic(avif: Uint8Array): Uint8Array {
	const out = avif.slice();
	const text = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
	text.write('heic', 8, 'latin1');
	for (let at = text.indexOf('av01'); at >= 0; at = text.indexOf('av01', at + 4)) text.write('hvc1', at, 'latin1');
	return out;
}

export const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
