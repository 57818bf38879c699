import { describe, expect, it } from 'vitest';
import { useServer } from '../support/fixtures.ts';
import { api, login } from '../support/clients.ts';

const env = useServer();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 31, 21, 196, 137]);
const segment = (marker: number, payload: number[]) => [0xff, marker, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload];
const JPEG_WITH_GPS = new Uint8Array([0xff, 0xd8, ...segment(0xe0, [1, 2, 3]), ...segment(0xe1, [...new TextEncoder().encode('Exif\0\0GPS 12.97N 77.59E')]), 0xff, 0xda, 0, 4, 9, 9, 1, 2, 0xff, 0xd9]);

describe('staff photos', () => {
	it('accept an image by its bytes, refuse anything else, and strip EXIF from JPEGs', async () => {
		const reception = await login(env.server, 'reception@demo.skinspire.app');
		const put = (body: Uint8Array, type = 'image/png') => api(env.server, reception)('/api/v1/me/photo', { method: 'PUT', headers: { 'content-type': type }, body: Buffer.from(body) });
		const svg = await put(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png');
		expect(svg.status).toBe(400);
		expect((await svg.json()).detail).toMatch(/not a JPEG, PNG or WebP/);
		expect((await put(new Uint8Array(600 * 1024).fill(1))).status).toBe(400);
		expect((await put(PNG)).status).toBe(204);
		const mine = await api(env.server, reception)(`/api/v1/users/${reception.me.user.id}/photo`);
		expect(mine.status).toBe(200);
		expect(mine.headers.get('content-type')).toBe('image/png');
		expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await mine.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

		expect((await put(JPEG_WITH_GPS, 'image/jpeg')).status).toBe(204);
		const jpeg = new Uint8Array(await (await api(env.server, reception)(`/api/v1/users/${reception.me.user.id}/photo`)).arrayBuffer());
		expect(new TextDecoder().decode(jpeg)).not.toContain('GPS');
		expect(jpeg.length).toBeLessThan(JPEG_WITH_GPS.length);
	});

	it('are seen by colleagues who may see staff, not by others', async () => {
		const reception = await login(env.server, 'reception@demo.skinspire.app');
		const admin = await login(env.server, 'admin@demo.skinspire.app');
		const doctor = await login(env.server, 'doctor@demo.skinspire.app');
		expect((await api(env.server, admin)(`/api/v1/users/${reception.me.user.id}/photo`)).status).toBe(200);
		expect((await api(env.server, doctor)(`/api/v1/users/${reception.me.user.id}/photo`)).status).toBe(404);
		expect((await api(env.server, reception)('/api/v1/me/photo', { method: 'DELETE' })).status).toBe(204);
		expect((await api(env.server, admin)(`/api/v1/users/${reception.me.user.id}/photo`)).status).toBe(404);
	});
});
