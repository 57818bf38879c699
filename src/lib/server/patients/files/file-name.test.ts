import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition } from './file-name.ts';

describe('file names', () => {
	it('keeps a plain name as it is', () => {
		expect(cleanFileName('Referral letter.pdf', 'application/pdf')).toBe('Referral letter.pdf');
		expect(cleanFileName('IMG_2041.JPG', 'image/jpeg')).toBe('IMG_2041.JPG');
		expect(cleanFileName('चेहरा बायाँ.jpeg', 'image/jpeg')).toBe('चेहरा बायाँ.jpeg');
	});

	it('drops folders, both kinds of slash', () => {
		expect(cleanFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
		expect(cleanFileName('C:\\Users\\dr\\Desktop\\scan.pdf', 'application/pdf')).toBe('scan.pdf');
		expect(cleanFileName('/', 'image/png')).toBe('file.png');
		expect(cleanFileName('..', 'image/png')).toBe('file.png');
	});

	it('drops control characters and the overrides that disguise an extension', () => {
		expect(cleanFileName('evil\u0000\r\nname\u0007.png', 'image/png')).toBe('evilname.png');
		expect(cleanFileName('invoice\u202Egnp.exe', 'image/png')).toBe('invoicegnp.exe.png');
		expect(cleanFileName('\u200Bhidden .pdf', 'application/pdf')).toBe('hidden.pdf');
		expect(cleanFileName('   .bashrc', 'image/png')).toBe('bashrc.png');
		expect(cleanFileName('\u0000\u0001', 'application/pdf')).toBe('file.pdf');
	});

	it('makes the extension say what the bytes are', () => {
		expect(cleanFileName('scan.pdf', 'image/jpeg')).toBe('scan.jpg');
		expect(cleanFileName('page.html', 'image/png')).toBe('page.html.png');
		expect(cleanFileName('report.v2', 'application/pdf')).toBe('report.v2.pdf');
		expect(cleanFileName('IMG_0001.HEIC', 'image/heic')).toBe('IMG_0001.HEIC');
		expect(cleanFileName('photo', 'image/webp')).toBe('photo.webp');
	});

	it('is at most 200 characters, cut in the name and never inside a character', () => {
		const long = cleanFileName(`${'पा'.repeat(150)}.pdf`, 'application/pdf');
		expect(long.length).toBeLessThanOrEqual(200);
		expect(long.endsWith('.pdf')).toBe(true);
		expect(cleanFileName(`${'😀'.repeat(120)}.png`, 'image/png')).toMatch(/^(?:😀)+\.png$/u);
	});

	it('writes a Content-Disposition every browser reads', () => {
		expect(contentDisposition('attachment', 'scan.pdf')).toBe(`attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`);
		expect(contentDisposition('inline', 'चेहरा "1".jpg')).toBe(`inline; filename="_____ _1_.jpg"; filename*=UTF-8''%E0%A4%9A%E0%A5%87%E0%A4%B9%E0%A4%B0%E0%A4%BE%20%221%22.jpg`);
		expect(contentDisposition('attachment', "it's (1).png")).toBe(`attachment; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
	});
});
