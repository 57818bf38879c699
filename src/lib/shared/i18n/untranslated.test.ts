import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every sentence a person reads comes from the catalogues, so Hindi covers everything. These scans
 * fail on text written straight into a screen, an error or an email instead.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../..');

function files(dir: string, ext: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return files(full, ext);
		return full.endsWith(ext) && !full.endsWith('.test.ts') ? [full] : [];
	});
}

/** Drop `{ … }` expressions, keeping nested braces balanced (strings inside are not text). */
function withoutExpressions(markup: string): string {
	let out = '';
	let depth = 0;
	for (const ch of markup) {
		if (ch === '{') depth++;
		else if (ch === '}') depth = Math.max(0, depth - 1);
		else if (depth === 0) out += ch;
	}
	return out;
}

/** Words in a piece of markup a reader would see: text between tags and human-facing attributes. */
export function untranslatedText(source: string): string[] {
	const markup = withoutExpressions(source.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<!--[\s\S]*?-->/g, ''));
	const found: string[] = [];
	for (const m of markup.matchAll(/\b(?:placeholder|aria-label|title|alt|label)="([^"]*)"/g)) if (/[A-Za-z]{2,}/.test(m[1]!)) found.push(m[1]!.trim());
	const text = markup.replace(/<[^>]*>/g, '\n').replace(/&[a-z]+;|&#\d+;/g, ' ');
	for (const line of text.split('\n')) {
		const words = line.trim();
		if (/[A-Za-z]{2,}/.test(words) && words !== 'SkinSpire') found.push(words);
	}
	return found;
}

describe('no untranslated text', () => {
	it('the scanner sees text, attributes and ignores expressions', () => {
		expect(untranslatedText('<p>Hello {t("x")}</p>')).toEqual(['Hello']);
		expect(untranslatedText('<input placeholder="e.g. Rao" /><p>{t("a", { b: { c: 1 } })}</p>')).toEqual(['e.g. Rao']);
		expect(untranslatedText('<script>const a = "Hi";</script><p>{a}</p> · ')).toEqual([]);
	});

	it('Svelte screens take every sentence from the catalogues', () => {
		const offenders = files(path.join(ROOT, 'src'), '.svelte').flatMap((f) => untranslatedText(readFileSync(f, 'utf8')).map((w) => `${path.relative(ROOT, f)}: ${w}`));
		expect(offenders).toEqual([]);
	});

	it('services refuse with message keys, never with a sentence', () => {
		const offenders = [...files(path.join(ROOT, 'src'), '.ts'), ...files(path.join(ROOT, 'server'), '.ts')].flatMap((f) => {
			const source = readFileSync(f, 'utf8');
			return [...source.matchAll(/new DomainError\(\s*'[A-Z_]+'\s*,\s*[`'"]/g)].map((m) => `${path.relative(ROOT, f)}: ${m[0]}`);
		});
		expect(offenders).toEqual([]);
	});

	it('pages and endpoints raise errors in the reader\'s language', () => {
		const offenders = files(path.join(ROOT, 'src/routes'), '.ts').flatMap((f) => {
			const source = readFileSync(f, 'utf8');
			return [...source.matchAll(/\berror\(\s*\d{3}\s*,\s*[`'"]|toProblem\(\s*\w+\s*,\s*\w+\s*\)/g)].map((m) => `${path.relative(ROOT, f)}: ${m[0]}`);
		});
		expect(offenders).toEqual([]);
	});

	it('zod schemas give catalogue keys as their messages', () => {
		const offenders = files(path.join(ROOT, 'src/lib/shared'), '.ts').flatMap((f) => {
			const source = readFileSync(f, 'utf8');
			return [...source.matchAll(/(?:error:\s*|\.(?:min|max|int|regex|refine|email|length|nonempty)\([^'"`)]*?,\s*)[`'"]([^`'"]+)[`'"]/g)]
				.filter((m) => !/^[a-z]+(?:\.[A-Za-z0-9_]+)+$/.test(m[1]!))
				.map((m) => `${path.relative(ROOT, f)}: ${m[1]}`);
		});
		expect(offenders).toEqual([]);
	});
});
