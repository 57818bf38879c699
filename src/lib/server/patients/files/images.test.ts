import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DamagedImageError, prepareFile, THUMBNAIL_SIZE } from './images.ts';
import { asUndecodableHeic, cameraImage, latin1 } from './test-images.ts';

describe('preparing an upload for storage', () => {
	it('stores JPEG, PNG and WebP without metadata and makes a small WebP thumbnail', async () => {
		for (const [format, type] of [
			['jpeg', 'image/jpeg'],
			['png', 'image/png'],
			['webp', 'image/webp']
		] as const) {
			const original = await cameraImage(format, { width: 1200, height: 800 });
			const { bytes, thumbnail } = await prepareFile(type, original);
			expect(latin1(bytes), format).not.toMatch(/PhoneCo|XMPSECRET/);
			expect((await sharp(bytes).metadata()).exif, format).toBeUndefined();
			const thumb = await sharp(thumbnail!).metadata();
			expect(thumb.format).toBe('webp');
			expect(Math.max(thumb.width, thumb.height)).toBe(THUMBNAIL_SIZE);
			expect(thumb.exif).toBeUndefined();
		}
	});

	it('turns a photo upright when its EXIF says it is turned, instead of losing the turn with the EXIF', async () => {
		// Orientation 6: stored landscape, to be shown rotated 90° (portrait).
		const turned = await cameraImage('jpeg', { width: 80, height: 40, orientation: 6 });
		expect((await sharp(turned).metadata()).orientation).toBe(6);
		const { bytes, thumbnail } = await prepareFile('image/jpeg', turned);
		const stored = await sharp(bytes).metadata();
		expect([stored.width, stored.height, stored.orientation]).toEqual([40, 80, undefined]);
		expect(latin1(bytes)).not.toContain('PhoneCo');
		const thumb = await sharp(thumbnail!).metadata();
		expect(thumb.height).toBeGreaterThan(thumb.width);
	});

	it('keeps HEIF without metadata, with a thumbnail when it decodes and without one when it does not', async () => {
		const avif = await cameraImage('avif');
		const decodable = await prepareFile('image/heif', avif);
		expect(latin1(decodable.bytes)).not.toContain('PhoneCo');
		expect(decodable.thumbnail).not.toBeNull();
		const heic = await prepareFile('image/heic', asUndecodableHeic(avif));
		expect(latin1(heic.bytes)).not.toContain('PhoneCo');
		expect(heic.thumbnail).toBeNull();
	});

	it('passes a PDF through, and refuses an image that only starts like one', async () => {
		const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
		expect(await prepareFile('application/pdf', pdf)).toEqual({ bytes: pdf, thumbnail: null });
		const fake = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new TextEncoder().encode('JFIF\0<html><script>alert(1)</script>')]);
		await expect(prepareFile('image/jpeg', fake)).rejects.toBeInstanceOf(DamagedImageError);
		const png = await cameraImage('png');
		await expect(prepareFile('image/png', png.subarray(0, png.length - 30))).rejects.toBeInstanceOf(DamagedImageError);
	});
});
