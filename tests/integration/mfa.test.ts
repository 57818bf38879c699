import { describe, expect, it } from 'vitest';
import { query } from '../support/database.ts';
import { useServer } from '../support/fixtures.ts';
import { api, connectSocket, login, type Session } from '../support/clients.ts';
import { totpCode } from '../support/totp.ts';

const env = useServer();

const cookieOf = (res: Response) => ({ cookie: res.headers.get('set-cookie')!.split(';')[0]! }) as Session;
const signIn = (email: string) => api(env.server)('/api/v1/auth/login', { method: 'POST', json: { email, password: 'skinspire-demo' } });

async function enrol(session: Session): Promise<{ secret: string; recoveryCodes: string[]; usedCode: string }> {
	expect((await api(env.server, session)('/api/v1/me/mfa/totp', { method: 'POST', json: { password: 'wrong' } })).status).toBe(400);
	const setup = await (await api(env.server, session)('/api/v1/me/mfa/totp', { method: 'POST', json: { password: 'skinspire-demo' } })).json();
	expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
	expect(setup.qrSvg).toContain('<svg');
	const bad = await api(env.server, session)('/api/v1/me/mfa/totp/confirm', { method: 'POST', json: { code: '000000' } });
	expect(bad.status).toBe(400);
	const usedCode = totpCode(setup.secret);
	const ok = await (await api(env.server, session)('/api/v1/me/mfa/totp/confirm', { method: 'POST', json: { code: usedCode } })).json();
	expect(ok.recoveryCodes).toHaveLength(10);
	return { secret: setup.secret, recoveryCodes: ok.recoveryCodes, usedCode };
}

describe('TOTP second factor', () => {
	it('enrols, then sign-in answers mfaRequired with a session that can do nothing else until the code', async () => {
		const doctor = await login(env.server, 'doctor@demo.skinspire.app');
		const { secret, usedCode } = await enrol(doctor);
		const [stored] = await query(env.databaseUrl, "select secret_enc from mfa_totp t join app_user u on u.id = t.user_id where u.email = 'doctor@demo.skinspire.app'");
		expect(stored!.secret_enc).not.toContain(secret);

		const res = await signIn('doctor@demo.skinspire.app');
		expect(await res.json()).toEqual({ mfaRequired: true });
		const pending = cookieOf(res);
		const blocked = await api(env.server, pending)('/api/v1/me');
		expect(blocked.status).toBe(401);
		expect((await blocked.json()).code).toBe('MFA_REQUIRED');
		expect((await api(env.server, pending)(`/api/v1/branches/${doctor.branch('IND').id}/notices`)).status).toBe(401);
		await expect(connectSocket(env.server, pending)).rejects.toThrow(/UNAUTHENTICATED/);

		// The code used at enrolment cannot be replayed; the next period's code (within the drift allowed) works once.
		expect((await api(env.server, pending)('/api/v1/auth/mfa', { method: 'POST', json: { code: usedCode } })).status).toBe(400);
		const next = totpCode(secret, 1);
		const done = await api(env.server, pending)('/api/v1/auth/mfa', { method: 'POST', json: { code: next } });
		expect(done.status).toBe(200);
		const full = cookieOf(done);
		const again = cookieOf(await signIn('doctor@demo.skinspire.app'));
		expect((await api(env.server, again)('/api/v1/auth/mfa', { method: 'POST', json: { code: next } })).status).toBe(400);
		expect(full.cookie).not.toBe(pending.cookie);
		expect((await api(env.server, full)('/api/v1/me')).status).toBe(200);
		expect((await api(env.server, pending)('/api/v1/me')).status).toBe(401);
	});

	it('accepts each recovery code once', async () => {
		const reception = await login(env.server, 'reception@demo.skinspire.app');
		const { recoveryCodes } = await enrol(reception);
		const first = cookieOf(await signIn('reception@demo.skinspire.app'));
		expect((await api(env.server, first)('/api/v1/auth/mfa', { method: 'POST', json: { code: recoveryCodes[0] } })).status).toBe(200);
		const second = cookieOf(await signIn('reception@demo.skinspire.app'));
		expect((await api(env.server, second)('/api/v1/auth/mfa', { method: 'POST', json: { code: recoveryCodes[0] } })).status).toBe(400);
		expect((await api(env.server, second)('/api/v1/auth/mfa', { method: 'POST', json: { code: recoveryCodes[1]!.toUpperCase() } })).status).toBe(200);
	});

	it('ends the challenge after 5 wrong codes', async () => {
		const pending = cookieOf(await signIn('doctor@demo.skinspire.app'));
		for (let i = 0; i < 4; i++) expect((await api(env.server, pending)('/api/v1/auth/mfa', { method: 'POST', json: { code: '123456' } })).status).toBe(400);
		const fifth = await api(env.server, pending)('/api/v1/auth/mfa', { method: 'POST', json: { code: '123456' } });
		expect(fifth.status).toBe(401);
		expect((await fifth.json()).detail).toMatch(/Too many wrong codes/);
		expect((await api(env.server, pending)('/api/v1/auth/mfa', { method: 'POST', json: { code: '654321' } })).status).toBe(401);
		const audit = await query(env.databaseUrl, "select count(*)::int as n from audit_event where action = 'auth.mfa_failed'");
		expect(audit[0]!.n).toBeGreaterThanOrEqual(5);
	});

	it('a role that requires MFA sends its holders to set it up before anything else', async () => {
		const admin = await login(env.server, 'admin@demo.skinspire.app');
		const roles = (await (await api(env.server, admin)('/api/v1/roles')).json()).roles as { id: string; name: string; version: number }[];
		const pharmacistRole = roles.find((r) => r.name === 'Pharmacist')!;
		await api(env.server, admin)(`/api/v1/roles/${pharmacistRole.id}`, { method: 'PATCH', json: { mfaRequired: true, version: pharmacistRole.version } });
		const pharmacist = await login(env.server, 'pharmacist@demo.skinspire.app');
		const blocked = await api(env.server, pharmacist)('/api/v1/me');
		expect(blocked.status).toBe(403);
		expect((await blocked.json()).code).toBe('MFA_ENROLMENT_REQUIRED');
		expect((await (await api(env.server, pharmacist)('/api/v1/me/mfa')).json())).toEqual({ enrolled: false, required: true, recoveryCodesLeft: 0 });
		await enrol(pharmacist);
		expect((await api(env.server, pharmacist)('/api/v1/me')).status).toBe(200);
		expect((await api(env.server, pharmacist)('/api/v1/me/mfa/totp/disable', { method: 'POST', json: { password: 'skinspire-demo' } })).status).toBe(400);
	});
});
