import { describe, expect, it } from 'vitest';
import { detectFileType, ftypBrands } from './content-type.ts';
import { asUndecodableHeic, cameraImage } from './test-images.ts';

const text = (s: string) => new TextEncoder().encode(s);
/** An ISO-BMFF ftyp box with the given major and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
	const size = 16 + 4 * compatible.length;
	const out = new Uint8Array(size + 8);
	new DataView(out.buffer).setUint32(0, size);
	out.set(text(`ftyp${major}\0\0\0\0${compatible.join('')}`), 4);
	return out;
}

describe('what a file is, by its bytes', () => {
	it('knows the accepted images and PDF', async () => {
		expect(detectFileType(await cameraImage('jpeg'))).toBe('image/jpeg');
		expect(detectFileType(await cameraImage('png'))).toBe('image/png');
		expect(detectFileType(await cameraImage('webp'))).toBe('image/webp');
		expect(detectFileType(text('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'))).toBe('application/pdf');
		expect(detectFileType(text('%PDF-2.0\n'))).toBe('application/pdf');
	});

	it('knows HEIC and HEIF by their ftyp brands, major or compatible', async () => {
		expect(detectFileType(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
		expect(detectFileType(ftyp('mif1', 'heix'))).toBe('image/heic');
		expect(detectFileType(ftyp('msf1', 'hevc'))).toBe('image/heic');
		expect(detectFileType(ftyp('mif1', 'miaf'))).toBe('image/heif');
		expect(detectFileType(await cameraImage('avif'))).toBe('image/heif');
		expect(detectFileType(asUndecodableHeic(await cameraImage('avif')))).toBe('image/heic');
		expect(ftypBrands(ftyp('heic', 'mif1'))).toEqual(['heic', 'mif1']);
	});

	it('refuses everything else, whatever it is called', () => {
		for (const other of [
			text('<!doctype html><html><script>alert(1)</script></html>'),
			text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
			text('<?xml version="1.0"?><svg/>'),
			new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]), // ZIP (and DOCX)
			text('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0'), // Windows executable
			text('GIF89a\x01\0\x01\0\0\0\0;'),
			ftyp('isom', 'iso2', 'mp41'), // an MP4 video
			ftyp('qt  '), // a QuickTime movie
			text('  %PDF-1.7'), // PDF magic must come first
			new Uint8Array([0xff, 0xd8]), // too short to be anything
			new Uint8Array(0)
		]) {
			expect(detectFileType(other)).toBeNull();
		}
	});
});
