import { t } from './i18n.ts';
import type { MessageKey, MessageParams } from '#lib/shared/i18n/translate.ts';

const MARK = '\u0000';

/**
 * A sentence with one element inside it (a link, `<code>`, `<strong>`): the text before and after
 * its `{slot}` placeholder, in the page's language, so the element sits where each language puts it.
 * Render as `{before}<a …>…</a>{after}`.
 */
export function tAround(key: MessageKey, slot: string, params: MessageParams = {}): [before: string, after: string] {
	const text = t(key, { ...params, [slot]: MARK });
	const i = text.indexOf(MARK);
	return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + MARK.length)];
}
