import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { stripHeif, stripJpeg, stripPng, stripWebp } from './image-metadata.ts';
import { asUndecodableHeic, cameraImage, latin1 } from '../patients/files/test-images.ts';

const segment = (marker: number, payload: number[] | string) => {
	const bytes = typeof payload === 'string' ? [...Buffer.from(payload, 'latin1')] : payload;
	return [0xff, marker, ((bytes.length + 2) >> 8) & 0xff, (bytes.length + 2) & 0xff, ...bytes];
};

async function pixels(bytes: Uint8Array): Promise<Buffer> {
	return sharp(bytes).raw().toBuffer();
}

describe('removing camera metadata without re-encoding', () => {
	it('JPEG: EXIF with GPS and XMP are gone; the picture and its decoding are unchanged', async () => {
		const original = await cameraImage('jpeg');
		expect(latin1(original)).toContain('PhoneCo');
		expect((await sharp(original).metadata()).exif).toBeDefined();
		const clean = stripJpeg(original)!;
		expect(latin1(clean)).not.toMatch(/PhoneCo|Dr Secret|XMPSECRET|Exif/);
		const meta = await sharp(clean).metadata();
		expect(meta.exif).toBeUndefined();
		expect(meta.xmp).toBeUndefined();
		expect((await pixels(clean)).equals(await pixels(original))).toBe(true);
	});

	it('JPEG: keeps the colour profile and Adobe marker, drops IPTC, multi-picture data, comments and anything after the image', () => {
		const icc = segment(0xe2, 'ICC_PROFILE\0\x01\x01profile');
		const mpf = segment(0xe2, 'MPF\0second picture index');
		const adobe = segment(0xee, 'Adobe\0\x64\0\0\0\0\x01');
		const iptc = segment(0xed, 'Photoshop 3.0\0city=Bengaluru');
		const comment = segment(0xfe, 'taken at 12.97N 77.59E');
		const dqt = segment(0xdb, [0, ...Array(64).fill(1)]);
		// Entropy data with a stuffed 0xFF00 and a restart marker, which are not the end of the scan.
		const scan = [...segment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56];
		const trailer = [0xff, 0xd8, ...segment(0xe1, 'Exif\0\0GPS of the depth map'), 0xff, 0xd9];
		const jpeg = new Uint8Array([0xff, 0xd8, ...segment(0xe0, 'JFIF\0'), ...icc, ...mpf, ...adobe, ...iptc, ...comment, ...dqt, ...scan, 0xff, 0xd9, ...trailer]);
		const clean = stripJpeg(jpeg)!;
		expect([...clean]).toEqual([0xff, 0xd8, ...segment(0xe0, 'JFIF\0'), ...icc, ...adobe, ...dqt, ...scan, 0xff, 0xd9]);
	});

	it('JPEG: a broken file is reported, not passed through', () => {
		expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2]))).toBeNull();
		expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0x00, 0x00]))).toBeNull();
		expect(stripJpeg(new Uint8Array([0x89, 0x50]))).toBeNull();
	});

	it('PNG: eXIf and text chunks are gone, the pixels stay', async () => {
		const original = await cameraImage('png');
		const clean = stripPng(original)!;
		expect(latin1(clean)).not.toMatch(/eXIf|iTXt|tEXt|XMPSECRET/);
		expect((await sharp(clean).metadata()).exif).toBeUndefined();
		expect((await pixels(clean)).equals(await pixels(original))).toBe(true);
		expect(stripPng(original.subarray(0, 40))).toBeNull();
	});

	it('WebP: EXIF and XMP chunks and their flags are gone, the file stays valid', async () => {
		const original = await cameraImage('webp');
		expect(latin1(original)).toContain('PhoneCo');
		const clean = stripWebp(original)!;
		expect(latin1(clean)).not.toMatch(/PhoneCo|XMPSECRET|EXIF|XMP /);
		expect(new DataView(clean.buffer, clean.byteOffset).getUint32(4, true)).toBe(clean.length - 8);
		const meta = await sharp(clean).metadata();
		expect(meta.exif).toBeUndefined();
		expect((await pixels(clean)).equals(await pixels(original))).toBe(true);
	});

	it('HEIF: EXIF and XMP items are blanked in place; the image still decodes', async () => {
		const original = await cameraImage('avif');
		expect(latin1(original)).toContain('PhoneCo');
		const clean = stripHeif(original)!;
		expect(clean.length).toBe(original.length);
		expect(latin1(clean)).not.toMatch(/PhoneCo|Dr Secret|XMPSECRET/);
		const meta = await sharp(clean).metadata();
		expect(meta.exif?.some((b) => b !== 0) ?? false).toBe(false);
		expect(meta.xmp?.some((b) => b !== 0) ?? false).toBe(false);
		expect((await pixels(clean)).equals(await pixels(original))).toBe(true);
		// The same for an HEVC photo, which is not decoded at all.
		expect(latin1(stripHeif(asUndecodableHeic(original))!)).not.toContain('PhoneCo');
	});

	it('HEIF: a file without the boxes it needs is reported', async () => {
		const original = await cameraImage('avif');
		expect(stripHeif(original.subarray(0, 60))).toBeNull();
		expect(stripHeif(new TextEncoder().encode('\0\0\0\x10ftypheic\0\0\0\0'))).toBeNull();
	});
});
