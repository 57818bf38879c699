import { fail, redirect } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime/registry.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { toProblem } from '#lib/server/errors/error-mapping.ts';

/** Only a local path may be a post-login destination (no open redirect). */
function safeNext(value: string | null): string | null {
	return value && /^\/[a-z0-9/_-]*$/i.test(value) && !value.startsWith('//') ? value : null;
}

export const load = ({ locals, url }) => {
	if (locals.actor?.mfa === 'challenge') redirect(303, '/login/mfa');
	if (locals.actor?.branches[0]) redirect(303, safeNext(url.searchParams.get('next')) ?? `/${locals.actor.branches[0].code.toLowerCase()}`);
	const runtime = getRuntime();
	return { demoUsers: runtime.services.demo.users(), demoPassword: runtime.demoMode ? 'skinspire-demo' : null };
};

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const { services, config, logger } = getRuntime();
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		let result;
		try {
			result = await services.auth.login(
				{ email, password: String(form.get('password') ?? '') },
				{ ip: getClientAddress(), userAgent: request.headers.get('user-agent') ?? undefined }
			);
		} catch (e) {
			const problem = toProblem(e, logger, { locale: locals.locale });
			return fail(problem.status, { email, error: problem.detail, fields: problem.errors ?? {} });
		}
		setSessionCookie(cookies, config, result.token, result.expiresAt);
		if (result.mfaRequired) redirect(303, `/login/mfa${url.searchParams.get('next') ? `?next=${encodeURIComponent(url.searchParams.get('next')!)}` : ''}`);
		const session = await services.sessions.validate(result.token);
		const first = session?.actor.branches[0];
		redirect(303, safeNext(url.searchParams.get('next')) ?? (first ? `/${first.code.toLowerCase()}` : '/'));
	}
};
