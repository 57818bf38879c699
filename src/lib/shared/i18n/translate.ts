import { en, type MessageKey } from './en/index.ts';
import { hi } from './hi/index.ts';
import { DEFAULT_LOCALE, INTL_TAG, type Locale } from './locales.ts';

export type { MessageKey };
/** Values to fill in; a nested message (or list of them) is rendered in the same language, joined by '; '. */
export type MessageParams = Record<string, string | number | Msg | Msg[]>;

/** A sentence to show someone, not yet in their language: services speak in these. */
export interface Msg {
	key: MessageKey;
	params?: MessageParams;
}

export function msg(key: MessageKey, params?: MessageParams): Msg {
	return params ? { key, params } : { key };
}

const CATALOGUES: Record<Locale, Record<string, string>> = { en, hi };

export function isMessageKey(value: unknown): value is MessageKey {
	return typeof value === 'string' && Object.hasOwn(en, value);
}

/**
 * The sentence in the given language with `{name}` filled in. With a numeric `count`, a variant
 * `key#one` / `key#other` (by the language's plural rules) is used when the catalogue has one.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const catalogue = CATALOGUES[locale] ?? CATALOGUES[DEFAULT_LOCALE];
	let template: string | undefined;
	if (typeof params?.count === 'number') {
		const category = new Intl.PluralRules(INTL_TAG[locale]).select(params.count);
		template = catalogue[`${key}#${category}`] ?? en[`${key}#${category}` as MessageKey];
	}
	template ??= catalogue[key] ?? en[key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in params)) return whole;
		const value = params[name]!;
		if (typeof value === 'object') return (Array.isArray(value) ? value : [value]).map((m) => render(locale, m)).join('; ');
		return String(value);
	});
}

export function render(locale: Locale, message: Msg): string {
	return translate(locale, message.key, message.params);
}

/** The placeholders a sentence uses, so catalogues can be checked against the English one. */
export function placeholdersOf(template: string): string[] {
	return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
