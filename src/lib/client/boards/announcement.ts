import { INTL_TAG, isLocale, type Locale } from '../../shared/i18n/locales.ts';
import { translate } from '../../shared/i18n/translate.ts';

/** Someone was just called: which token, to which room. */
export interface BoardCall {
	token: string;
	room: string;
}

/** How a call is written on the board and recorded on it (`data-last-call`). */
export function callLabel(call: BoardCall): string {
	return `${call.token} → ${call.room}`;
}

/** "C-014" is read out as "C 014": a dash would be spoken as "minus" or "hyphen". */
export function spokenToken(token: string): string {
	return token.replace(/-/g, ' ');
}

/** The branch's languages SkinSpire can speak, in the branch's order, each once; English when none is known. */
export function boardLanguages(languages: readonly string[]): Locale[] {
	const known = [...new Set(languages.filter(isLocale))];
	return known.length ? known : ['en'];
}

/** What to say for a call, one sentence per branch language, with the tag the speech engine needs. */
export function callAnnouncements(call: BoardCall, languages: readonly string[]): { locale: Locale; tag: string; text: string }[] {
	return boardLanguages(languages).map((locale) => ({
		locale,
		tag: INTL_TAG[locale],
		text: translate(locale, 'boards.say.call', { token: spokenToken(call.token), room: call.room })
	}));
}
