import type { Handle, HandleServerError } from '@sveltejs/kit/hooks';
import { error, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { waitForRuntime } from '#lib/server/runtime/registry.ts';
import { sessionCookieName } from '#lib/server/auth/session-token.ts';
import { allowedOrigins, MUTATING_METHODS } from '#lib/server/http/origin.ts';
import { DomainError, isDomainError } from '#lib/server/errors/domain-error.ts';
import { ruleFor } from '#lib/server/access/route-access.ts';
import { checkAccess } from '#lib/server/access/check-access.ts';
import { ERROR_CODES } from '#lib/shared/errors/error-codes.ts';
import { problemResponse } from '#lib/server/http/api.ts';
import { LANGUAGE_COOKIE, requestLocale } from '#lib/server/http/locale.ts';
import { msg, render, translate } from '#lib/shared/i18n/translate.ts';

export const handle: Handle = async ({ event, resolve }) => {
	const runtime = await waitForRuntime();
	const { config, services } = runtime;
	event.locals.requestId = event.request.headers.get('x-request-id') ?? randomUUID();
	event.locals.actor = null;
	event.locals.locale = requestLocale(null, event.cookies.get(LANGUAGE_COOKIE), event.request.headers.get('accept-language'));

	// Cookie-authenticated requests that change data must come from our own pages. SvelteKit
	// checks form posts; this covers JSON calls to the API too.
	const origin = event.request.headers.get('origin');
	if (MUTATING_METHODS.has(event.request.method) && origin !== null && !allowedOrigins(config.origin).has(origin)) {
		return problemResponse(new DomainError('FOREIGN_ORIGIN'), event);
	}

	const cookieName = sessionCookieName(config.secureCookies);
	const token = event.cookies.get(cookieName);
	const authorization = event.request.headers.get('authorization');
	if (authorization && event.url.pathname.startsWith('/api/')) {
		// A bearer token stands alone: a bad one is refused, never silently replaced by the cookie.
		const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
		event.locals.actor = bearer ? await services.tokens.validate(bearer) : null;
		if (!event.locals.actor) return problemResponse(new DomainError('UNAUTHENTICATED', msg('errors.access.badToken')), event);
	} else if (token) {
		const session = await services.sessions.validate(token);
		if (session) event.locals.actor = session.actor;
		else event.cookies.delete(cookieName, { path: '/' });
	}

	event.locals.locale = requestLocale(event.locals.actor, event.cookies.get(LANGUAGE_COOKIE), event.request.headers.get('accept-language'));

	// Every route declares what it needs (route-access.ts); this is where it is enforced.
	try {
		checkAccess(ruleFor(event.route.id, event.request.method, event.url.search), event.locals.actor, event.params);
	} catch (e) {
		if (!isDomainError(e)) throw e;
		if (event.url.pathname.startsWith('/api/')) return problemResponse(e, event);
		if (event.request.method === 'GET') {
			if (e.code === 'UNAUTHENTICATED') redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
			if (e.code === 'MFA_REQUIRED') redirect(303, '/login/mfa');
			if (e.code === 'MFA_ENROLMENT_REQUIRED') redirect(303, '/mfa/setup');
		}
		error(ERROR_CODES[e.code].status, render(event.locals.locale, e.msg));
	}

	const lang = event.locals.locale;
	const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%skinspire.lang%', lang) });
	if (event.locals.actor) response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handleError: HandleServerError = async (caught) => {
	const { event } = caught;
	// SvelteKit's own errors (such as a 404) and errors raised on purpose with error() say what happened.
	const locale = event.locals.locale ?? 'en';
	if (caught.kind === 'framework') return { message: caught.error.status === 404 ? translate(locale, 'error.NOT_FOUND') : caught.error.message };
	if (caught.kind === 'app') return caught.error;
	const runtime = await waitForRuntime();
	runtime.logger.error({ err: caught.error, requestId: event.locals.requestId, route: event.route.id }, 'unhandled error in a page or endpoint');
	return { message: translate(locale, 'error.INTERNAL'), code: 'INTERNAL', requestId: event.locals.requestId };
};
