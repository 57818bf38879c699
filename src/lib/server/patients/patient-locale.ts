import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n/locales.ts';

/**
 * The language to write to a patient in. "Preferred language" is free text on the record ("hi",
 * "Hindi", "हिन्दी", "English"…): the shipped language it names, else the fallback (e.g. their
 * portal account's language) when that is one, else the default.
 */
export function patientLocale(preferred: string | null | undefined, fallback?: string | null): Locale {
	const p = (preferred ?? '').trim().toLowerCase();
	if (p === 'hi' || p.startsWith('hi-') || p.startsWith('hindi') || p.includes('हिन्दी') || p.includes('हिंदी')) return 'hi';
	if (p === 'en' || p.startsWith('en-') || p.startsWith('english')) return 'en';
	return isLocale(fallback) ? fallback : DEFAULT_LOCALE;
}
