import type { Actor } from '#lib/shared/access/actor.ts';
import type { Locale } from '#lib/shared/i18n/locales.ts';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
			/** The language this request is answered in (preference, then cookie, then Accept-Language). */
			locale: Locale;
			requestId: string;
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}

export {};
