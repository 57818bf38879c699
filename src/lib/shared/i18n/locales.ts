/** The languages SkinSpire ships. English is the source every other catalogue follows. */
export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, so a person can find theirs whatever the screen shows now. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', hi: 'हिन्दी' };

/** The tag Intl uses for dates and numbers: Indian conventions in both languages. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-IN', hi: 'hi-IN' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function asLocale(value: unknown): Locale {
	return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** The best shipped language for an Accept-Language header (quality values honoured), or null. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
		})
		.filter((r) => r.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	return ranked.map((r) => r.base).find(isLocale) ?? null;
}
