import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { en } from './en/index.ts';
import { hi } from './hi/index.ts';
import { localeFromAcceptLanguage } from './locales.ts';
import { msg, placeholdersOf, render, translate } from './translate.ts';

describe('message catalogues', () => {
	it('Hindi has every English key, with the same placeholders, and nothing English does not have', () => {
		const problems: string[] = [];
		for (const [key, english] of Object.entries(en)) {
			const hindi = (hi as Record<string, string>)[key];
			if (!hindi?.trim()) problems.push(`${key}: missing in Hindi`);
			else if (placeholdersOf(hindi).join() !== placeholdersOf(english).join()) problems.push(`${key}: placeholders ${placeholdersOf(hindi)} ≠ ${placeholdersOf(english)}`);
		}
		for (const key of Object.keys(hi)) if (!(key in en)) problems.push(`${key}: in Hindi only`);
		expect(problems).toEqual([]);
	});

	it('no two area catalogues define the same key (the merge would silently keep only one)', async () => {
		const dir = path.join(import.meta.dirname, 'en');
		const seen = new Map<string, string>();
		const clashes: string[] = [];
		for (const file of readdirSync(dir).filter((f) => f !== 'index.ts')) {
			const module = (await import(`./en/${file}`)) as Record<string, Record<string, string>>;
			for (const key of Object.keys(Object.values(module)[0]!)) {
				if (seen.has(key)) clashes.push(`${key} in ${seen.get(key)} and ${file}`);
				seen.set(key, file);
			}
		}
		expect(clashes).toEqual([]);
		expect(seen.size).toBe(Object.keys(en).length);
	});

	it('Hindi is really Hindi: most sentences are written in Devanagari', () => {
		const entries = Object.entries(hi).filter(([k]) => k !== 'app.name');
		const devanagari = entries.filter(([, v]) => /[\u0900-\u097F]/.test(v));
		expect(devanagari.length / entries.length).toBeGreaterThan(0.9);
	});

	it('fills placeholders, renders nested messages in the same language, and leaves unknown ones visible', () => {
		expect(translate('en', 'validation.tooShort', { minimum: 12 })).toBe('Use at least 12 characters');
		expect(translate('hi', 'validation.tooShort', { minimum: 12 })).toBe('कम से कम 12 अक्षर लिखें');
		expect(translate('hi', 'validation.check', { fields: 'name', problems: [msg('validation.required')] })).toBe('name जाँचें: ज़रूरी है');
		expect(render('en', msg('validation.tooBig'))).toBe('Must be at most {maximum}');
	});

	it('picks the best shipped language from Accept-Language', () => {
		expect(localeFromAcceptLanguage('hi-IN,hi;q=0.9,en;q=0.8')).toBe('hi');
		expect(localeFromAcceptLanguage('fr-FR,en;q=0.5,hi;q=0.9')).toBe('hi');
		expect(localeFromAcceptLanguage('fr-FR,de')).toBeNull();
		expect(localeFromAcceptLanguage('hi;q=0,en')).toBe('en');
		expect(localeFromAcceptLanguage(null)).toBeNull();
	});
});
