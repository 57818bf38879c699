import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { signedInPage } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/fixtures.ts';

const env = useBrowserAndServer();

const picture = async (format: 'jpeg' | 'png', colour: string) =>
	sharp({ create: { width: 600, height: 400, channels: 3, background: colour } })
		.composite([{ input: { create: { width: 200, height: 200, channels: 3, background: '#ffffff' } }, left: 200, top: 100 }])
		.toFormat(format)
		.toBuffer();

describe('clinical photos in the browser', () => {
	it('a doctor uploads a before and an after photo; a second viewer sees them arrive and compares them with a slider', async () => {
		const doctor = await signedInPage(env.browser, env.server.url, 'doctor@demo.skinspire.app');
		const res = await doctor.page.request.post('/api/v1/patients', { data: { fullName: 'Roshni Kapoor', sex: 'female', phone: '9845099001', consents: { photography: true } } });
		expect(res.status()).toBe(201);
		const patientId = ((await res.json()) as { id: string }).id;

		// The second viewer has the Photos tab open first, in dark mode on a phone.
		const viewer = await signedInPage(env.browser, env.server.url, 'manager@demo.skinspire.app', { colorScheme: 'dark', viewport: { width: 360, height: 780 } });
		await viewer.page.goto(`/ind/patients/${patientId}?tab=photos`);
		await viewer.page.getByTestId('files-empty').waitFor();

		const { page } = doctor;
		await page.goto(`/ind/patients/${patientId}`);
		await page.getByTestId('tab-photos').click();
		await page.waitForURL(/tab=photos/);
		await page.getByTestId('default-bodyArea').fill('Left cheek');
		await page.getByTestId('default-session').fill('Peel 1');
		await page.getByTestId('default-phase').selectOption('before');
		await page.getByTestId('pick-photo').setInputFiles([{ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await picture('jpeg', '#b4553c') }]);
		await page.getByTestId('upload-item').waitFor();
		expect(await page.getByTestId('item-bodyArea').inputValue()).toBe('Left cheek');
		expect(await page.getByTestId('item-phase').inputValue()).toBe('before');
		await page.getByTestId('upload-start-photo').click();
		await page.getByTestId('photo').first().waitFor();

		// The after photo: the defaults still say "before", so it is changed on the file itself.
		await page.getByTestId('pick-photo').setInputFiles([{ name: 'after.png', mimeType: 'image/png', buffer: await picture('png', '#d99a86') }]);
		await page.getByTestId('item-phase').selectOption('after');
		await page.getByTestId('item-session').fill('Peel 3');
		await page.getByTestId('upload-start-photo').click();
		await page.locator('[data-testid="photo"][data-phase="after"]').waitFor();

		// Live on the other screen, without a reload: one group, two photos, with thumbnails.
		const v = viewer.page;
		await v.locator('[data-testid="photo"]').nth(1).waitFor({ timeout: 5000 });
		expect(await v.getByTestId('photo-group').count()).toBe(1);
		expect(await v.getByTestId('photo-group').textContent()).toContain('Left cheek');
		await expect.poll(() => v.getByTestId('photo-thumbnail').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
		expect(await v.getByTestId('files-changed-by').textContent()).toContain('Dr Kavya Rao');

		// Compare the two: the slider wipes between them.
		const boxes = v.getByTestId('photo-select');
		await boxes.nth(0).check();
		expect(await v.getByTestId('compare-open').isDisabled()).toBe(true);
		await boxes.nth(1).check();
		await v.getByTestId('compare-open').click();
		const compare = v.getByTestId('compare');
		await compare.waitFor();
		await expect.poll(() => compare.locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 600).length)).toBe(2);
		// Before underneath, after on top, whatever order they were ticked in.
		expect(await v.getByTestId('compare-bottom').getAttribute('alt')).toContain('Before');
		expect(await v.getByTestId('compare-top').getAttribute('alt')).toContain('After');
		const clip = () => v.getByTestId('compare-top').evaluate((img) => getComputedStyle(img).clipPath);
		expect(await clip()).toBe('inset(0px 0px 0px 50%)');
		await v.getByTestId('compare-slider').fill('20');
		expect(await clip()).toBe('inset(0px 0px 0px 20%)');
		await v.getByTestId('compare-slider').focus();
		await v.keyboard.press('ArrowRight');
		expect(await clip()).toBe('inset(0px 0px 0px 21%)');

		await v.getByTestId('compare-mode-fade').check({ force: true });
		await v.getByTestId('compare-slider').fill('75');
		expect(await v.getByTestId('compare-top').evaluate((img) => getComputedStyle(img).opacity)).toBe('0.75');
		await v.getByTestId('compare-mode-side').check({ force: true });
		expect(await v.getByTestId('compare-image').count()).toBe(2);
		expect(await v.getByTestId('compare-caption').allTextContents()).toEqual([expect.stringContaining('Before'), expect.stringContaining('After')]);

		// A phone's width holds the whole chart: nothing runs off to the side.
		expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await doctor.context.close();
		await viewer.context.close();
	});

	it('refuses a photo without the consent before sending anything, and shows a refused file with its reason', async () => {
		const { page, context } = await signedInPage(env.browser, env.server.url, 'doctor@demo.skinspire.app');
		const noConsent = await page.request.post('/api/v1/patients', { data: { fullName: 'Sana Qureshi', sex: 'female', phone: '9845099002', consents: { photography: false } } });
		const id = ((await noConsent.json()) as { id: string }).id;
		await page.goto(`/ind/patients/${id}?tab=photos`);
		await page.getByTestId('no-photo-consent').waitFor();
		expect(await page.getByTestId('pick-photo').count()).toBe(0);

		// Documents: an HTML page dressed as a PDF comes back refused, with the server's reason.
		await page.getByTestId('tab-documents').click();
		await page.getByTestId('pick-document').setInputFiles([
			{ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><p>not a pdf</p>') },
			{ name: 'real.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') }
		]);
		await page.getByTestId('item-title').nth(1).fill('Lab report');
		await page.getByTestId('upload-start-document').click();
		await page.getByTestId('upload-error').waitFor();
		expect(await page.getByTestId('upload-error').textContent()).toContain('“letter.pdf” is not a JPEG, PNG, WebP or HEIC picture or a PDF');
		await page.getByTestId('document').waitFor();
		expect(await page.getByTestId('document-title').allTextContents()).toEqual(['Lab report']);
		await context.close();
	});
});
