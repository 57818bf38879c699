import type { Cookies } from '@sveltejs/kit';
import type { AppConfig } from '../config/config.ts';
import { sessionCookieName } from '../auth/session-token.ts';

export function setSessionCookie(cookies: Cookies, config: AppConfig, token: string, expiresAt: Date): void {
	cookies.set(sessionCookieName(config.secureCookies), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secureCookies,
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, config: AppConfig): void {
	cookies.delete(sessionCookieName(config.secureCookies), { path: '/', secure: config.secureCookies });
}
