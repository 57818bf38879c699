import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, readMultipart, type MultipartLimits } from './multipart.ts';

const LIMITS: MultipartLimits = { fileBytes: 1000, fieldBytes: 100, fields: 5, files: 1, headerBytes: 1024 };
const enc = new TextEncoder();

/** A stream that hands over the body in the given pieces, and counts how much was pulled. */
function streamOf(body: Uint8Array, cuts: number[]): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
	const points = [0, ...cuts.filter((c) => c > 0 && c < body.length).sort((a, b) => a - b), body.length];
	let piece = 0;
	let pulled = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (piece >= points.length - 1) return controller.close();
			const chunk = body.slice(points[piece]!, points[piece + 1]!);
			piece++;
			pulled += chunk.length;
			controller.enqueue(chunk);
		}
	});
	return { stream, pulled: () => pulled };
}

/** A body as a browser's FormData would send it. */
async function encode(entries: [string, string | File][]): Promise<{ body: Uint8Array; boundary: string }> {
	const form = new FormData();
	for (const [k, v] of entries) form.append(k, v);
	const request = new Request('http://x/', { method: 'POST', body: form });
	const boundary = multipartBoundary(request.headers.get('content-type'))!;
	return { body: new Uint8Array(await request.arrayBuffer()), boundary };
}

describe('reading multipart/form-data as it streams', () => {
	it('finds the boundary of a form-data content type, and nothing else', () => {
		expect(multipartBoundary('multipart/form-data; boundary=----WebKitFormBoundaryAbC123')).toBe('----WebKitFormBoundaryAbC123');
		expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
		expect(multipartBoundary('multipart/mixed; boundary=x')).toBeNull();
		expect(multipartBoundary('application/json')).toBeNull();
		expect(multipartBoundary('multipart/form-data')).toBeNull();
		expect(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeNull();
		expect(multipartBoundary(null)).toBeNull();
	});

	it('reads fields and one file, however the body is cut into chunks', async () => {
		const bytes = new Uint8Array(300).map((_, i) => (i * 7) % 256);
		// Bytes that look like the start of a boundary inside the file must stay file data.
		bytes.set(enc.encode('\r\n--'), 100);
		const { body, boundary } = await encode([
			['kind', 'photo'],
			['bodyArea', 'बायाँ गाल'],
			['file', new File([bytes], 'IMG_01.jpg', { type: 'image/jpeg' })],
			['phase', 'after']
		]);
		for (let cut = 1; cut < body.length; cut++) {
			const form = await readMultipart(streamOf(body, [cut, cut + 1, cut + 37]).stream, boundary, LIMITS);
			expect(form.fields, `cut at ${cut}`).toEqual({ kind: 'photo', bodyArea: 'बायाँ गाल', phase: 'after' });
			expect(form.files.length).toBe(1);
			expect(form.files[0]!.field).toBe('file');
			expect(form.files[0]!.fileName).toBe('IMG_01.jpg');
			expect(form.files[0]!.contentType).toBe('image/jpeg');
			expect(Buffer.from(form.files[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
		}
	});

	it('reads a Windows path as sent, and a quote escaped the way curl does', async () => {
		const body = enc.encode(`--x\r\nContent-Disposition: form-data; name="file"; filename="C:\\Users\\dr\\a \\"b\\".png"\r\n\r\ndata\r\n--x--`);
		const form = await readMultipart(streamOf(body, []).stream, 'x', LIMITS);
		expect(form.files[0]!.fileName).toBe('C:\\Users\\dr\\a "b".png');
	});

	it('reads a name sent the RFC 8187 way, and an empty file', async () => {
		const boundary = 'b0undary';
		const body = enc.encode(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fallback.pdf"; filename*=UTF-8''%E0%A4%B0%E0%A4%BF%E0%A4%AA%E0%A5%8B%E0%A4%B0%E0%A5%8D%E0%A4%9F.pdf\r\n\r\n\r\n--${boundary}--\r\n`
		);
		const form = await readMultipart(streamOf(body, []).stream, boundary, LIMITS);
		expect(form.files[0]!.fileName).toBe('रिपोर्ट.pdf');
		expect(form.files[0]!.bytes.length).toBe(0);
	});

	it('stops at the first byte past the file limit, without reading the rest', async () => {
		const { body, boundary } = await encode([['file', new File([new Uint8Array(50_000)], 'big.png')]]);
		const source = streamOf(body, Array.from({ length: 100 }, (_, i) => (i + 1) * 500));
		await expect(readMultipart(source.stream, boundary, LIMITS)).rejects.toMatchObject({ problem: 'file-too-large' });
		// What was pulled: the limit, the part headers, and the one chunk the stream reads ahead.
		expect(source.pulled()).toBeLessThanOrEqual(LIMITS.fileBytes + 3 * 500);
		expect(source.pulled()).toBeLessThan(body.length / 10);
		// Exactly at the limit is fine; one byte more is not.
		const atLimit = await encode([['file', new File([new Uint8Array(LIMITS.fileBytes)], 'ok.png')]]);
		expect((await readMultipart(streamOf(atLimit.body, [7]).stream, atLimit.boundary, LIMITS)).files[0]!.bytes.length).toBe(LIMITS.fileBytes);
		const over = await encode([['file', new File([new Uint8Array(LIMITS.fileBytes + 1)], 'no.png')]]);
		await expect(readMultipart(streamOf(over.body, [7]).stream, over.boundary, LIMITS)).rejects.toMatchObject({ problem: 'file-too-large' });
	});

	it('refuses more files or fields than allowed, and oversized fields', async () => {
		const two = await encode([
			['file', new File(['a'], 'a.png')],
			['file', new File(['b'], 'b.png')]
		]);
		await expect(readMultipart(streamOf(two.body, []).stream, two.boundary, LIMITS)).rejects.toMatchObject({ problem: 'too-many-files' });
		const many = await encode(Array.from({ length: 6 }, (_, i) => [`f${i}`, 'x'] as [string, string]));
		await expect(readMultipart(streamOf(many.body, []).stream, many.boundary, LIMITS)).rejects.toMatchObject({ problem: 'too-many-fields' });
		const long = await encode([['title', 'x'.repeat(101)]]);
		await expect(readMultipart(streamOf(long.body, []).stream, long.boundary, LIMITS)).rejects.toMatchObject({ problem: 'field-too-large' });
	});

	it('refuses a body that is cut short or is not multipart at all', async () => {
		const { body, boundary } = await encode([['file', new File(['hello'], 'a.png')]]);
		await expect(readMultipart(streamOf(body.subarray(0, body.length - 10), []).stream, boundary, LIMITS)).rejects.toBeInstanceOf(MultipartError);
		await expect(readMultipart(streamOf(enc.encode('{"json": true}'), []).stream, boundary, LIMITS)).rejects.toMatchObject({ problem: 'malformed' });
		const noName = enc.encode(`--x\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--x--`);
		await expect(readMultipart(streamOf(noName, []).stream, 'x', LIMITS)).rejects.toMatchObject({ problem: 'malformed' });
		await expect(readMultipart(null, 'x', LIMITS)).rejects.toMatchObject({ problem: 'malformed' });
	});

	it('keeps a field named __proto__ as plain data', async () => {
		const { body, boundary } = await encode([['__proto__', 'x']]);
		const form = await readMultipart(streamOf(body, []).stream, boundary, LIMITS);
		expect(Object.keys(form.fields)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});
});
