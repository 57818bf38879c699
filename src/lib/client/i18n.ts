import { page } from '$app/state';
import { asLocale, INTL_TAG, type Locale } from '#lib/shared/i18n/locales.ts';
import { translate, render, type MessageKey, type MessageParams, type Msg } from '#lib/shared/i18n/translate.ts';

/** The language of the page being shown (the root layout puts it in every page's data). */
export function locale(): Locale {
	return asLocale(page.data?.locale);
}

/** A sentence from the catalogue in the page's language, `{name}` placeholders filled. */
export function t(key: MessageKey, params?: MessageParams): string {
	return translate(locale(), key, params);
}

export function tm(message: Msg): string {
	return render(locale(), message);
}

/** Dates and numbers the Indian way, in the page's language. */
export function formatDateTime(value: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
	return new Intl.DateTimeFormat(INTL_TAG[locale()], options).format(new Date(value));
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
	return new Intl.NumberFormat(INTL_TAG[locale()], options).format(value);
}
