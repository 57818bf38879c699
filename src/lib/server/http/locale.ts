import type { Cookies } from '@sveltejs/kit';
import type { Actor } from '../../shared/access/actor.ts';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from '../../shared/i18n/locales.ts';

/** Remembers a signed-out visitor's choice (and a signed-in person's, for the sign-in page after). */
export const LANGUAGE_COOKIE = 'skinspire-lang';
export const LANGUAGE_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

/** The person's own choice first, then this browser's remembered choice, then what the browser asks for. */
export function requestLocale(actor: Actor | null, cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (actor?.language) return actor.language;
	if (isLocale(cookie)) return cookie;
	return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** This browser remembers the choice too, so the sign-in page after signing out speaks it. */
export function rememberLanguage(cookies: Cookies, language: Locale | null, secure: boolean): void {
	if (language) cookies.set(LANGUAGE_COOKIE, language, { path: '/', maxAge: LANGUAGE_COOKIE_MAX_AGE, httpOnly: true, sameSite: 'lax', secure });
	else cookies.delete(LANGUAGE_COOKIE, { path: '/', secure });
}
