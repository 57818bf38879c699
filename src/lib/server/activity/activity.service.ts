import { can, type Actor } from '../../shared/access/actor.ts';
import type { ActivitySummary } from '../../shared/activity/activity.schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { ServiceDeps } from '../runtime/deps.ts';

export const ADMIN_ACTIONS = ['user.%', 'role.%', 'hospital.%', 'token.%', 'session.revoked', 'mfa.%', 'audit.exported'];

/** The hospital's sign-in activity for administrators: read from the audit trail and sessions. */
export function createActivityService({ orm, config }: ServiceDeps) {
	return {
		async summary(actor: Actor): Promise<ActivitySummary> {
			if (!can(actor, 'audit:read')) throw new DomainError('FORBIDDEN', msg('errors.activity.forbidden'));
			const em = orm.em.fork();
			const h = actor.hospitalId;
			const hours = await em.execute<{ hour: Date; sign_ins: number; failures: number }[]>(
				`select g.hour,
				   (select count(*)::int from audit_event a where a.hospital_id = ? and a.action in ('auth.login', 'auth.mfa_passed') and a.occurred_at >= g.hour and a.occurred_at < g.hour + interval '1 hour') as sign_ins,
				   (select count(*)::int from audit_event a where a.hospital_id = ? and a.action in ('auth.login_failed', 'auth.mfa_failed', 'auth.login_refused_locked') and a.occurred_at >= g.hour and a.occurred_at < g.hour + interval '1 hour') as failures
				 from generate_series(date_trunc('hour', now()) - interval '23 hours', date_trunc('hour', now()), interval '1 hour') as g(hour)
				 order by g.hour`,
				[h, h]
			);
			const [sessions] = await em.execute<{ n: number }[]>(
				`select count(*)::int as n from session s join hospital ho on ho.id = s.hospital_id
				 where s.hospital_id = ? and not s.mfa_pending and s.expires_at > now()
				   and s.last_active_at > now() - (coalesce(ho.session_idle_minutes * 60000, ?) * interval '1 millisecond')`,
				[h, config.sessionIdleMs]
			);
			const locked = await em.execute<{ id: string; name: string; locked_until: Date }[]>(
				'select id, name, locked_until from app_user where hospital_id = ? and locked_until > now() order by locked_until',
				[h]
			);
			const recent = await em.execute<{ seq: string; occurred_at: Date; actor_label: string; action: string }[]>(
				`select seq, occurred_at, actor_label, action from audit_event where hospital_id = ? and (${ADMIN_ACTIONS.map(() => 'action like ?').join(' or ')})
				 order by seq desc limit 20`,
				[h, ...ADMIN_ACTIONS]
			);
			return {
				hours: hours.map((r) => ({ hour: new Date(r.hour).toISOString(), signIns: r.sign_ins, failures: r.failures })),
				activeSessions: sessions!.n,
				lockedAccounts: locked.map((r) => ({ id: r.id, name: r.name, lockedUntil: new Date(r.locked_until).toISOString() })),
				recentAdminActions: recent.map((r) => ({ seq: Number(r.seq), at: new Date(r.occurred_at).toISOString(), actor: r.actor_label, action: r.action }))
			};
		}
	};
}
