import { describe, expect, it } from 'vitest';
import { imageType, stripPhotoMetadata } from './image.ts';

const segment = (marker: number, payload: number[]) => [0xff, marker, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload];

describe('image checks', () => {
	it('tells JPEG, PNG and WebP by their bytes, and nothing else', () => {
		expect(imageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
		expect(imageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
		expect(imageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
		expect(imageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(imageType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
	});

	it('drops EXIF (APP1) from a JPEG and keeps the picture', () => {
		const exif = segment(0xe1, [...new TextEncoder().encode('Exif\0\0GPS 12.97N 77.59E')]);
		const jfif = segment(0xe0, [1, 2, 3]);
		const scan = [0xff, 0xda, 0, 4, 9, 9, 0xaa, 0xbb, 0xff, 0xd9];
		const jpeg = new Uint8Array([0xff, 0xd8, ...jfif, ...exif, ...scan]);
		const clean = stripPhotoMetadata('image/jpeg', jpeg);
		expect(Array.from(clean)).toEqual([0xff, 0xd8, ...jfif, ...scan]);
		expect(new TextDecoder().decode(clean)).not.toContain('GPS');
	});
});
