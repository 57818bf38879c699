import { can, type Actor } from '../../shared/access/actor.ts';
import { ZUpdateHospitalSettingsInput, type HospitalSettings } from '../../shared/tenancy/settings.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { msg } from '../../shared/i18n/translate.ts';
import type { ServiceDeps } from '../runtime/deps.ts';

interface SettingsRow {
	name: string;
	session_idle_minutes: number | null;
	reminder_lead_minutes: number | null;
	version: number;
}
const COLUMNS = 'name, session_idle_minutes, reminder_lead_minutes, version';

/**
 * Hospital-wide settings: the idle timeout (applies from the next request) and how long before
 * an appointment its reminder goes out (from the job runner's next planning round).
 */
export function createSettingsService({ orm, config }: ServiceDeps) {
	const toDto = (r: SettingsRow): HospitalSettings => ({
		name: r.name,
		sessionIdleMinutes: r.session_idle_minutes,
		defaultSessionIdleMinutes: Math.round(config.sessionIdleMs / 60_000),
		reminderLeadMinutes: r.reminder_lead_minutes,
		defaultReminderLeadMinutes: config.reminderLeadMinutes,
		version: r.version
	});

	return {
		async get(actor: Actor): Promise<HospitalSettings> {
			if (!can(actor, 'settings:manage')) throw new DomainError('FORBIDDEN');
			const [row] = await orm.em.fork().execute<SettingsRow[]>(`select ${COLUMNS} from hospital where id = ?`, [actor.hospitalId]);
			return toDto(row!);
		},

		async update(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<HospitalSettings> {
			if (!can(actor, 'settings:manage')) throw new DomainError('FORBIDDEN');
			const data = parseInput(ZUpdateHospitalSettingsInput, input);
			return orm.em.fork().transactional(async (em) => {
				const [before] = await em.execute<SettingsRow[]>(`select ${COLUMNS} from hospital where id = ? for update`, [actor.hospitalId]);
				if (before!.version !== data.version) throw new DomainError('STALE_VERSION', msg('errors.settings.stale'), { details: { current: toDto(before!) } });
				const [after] = await em.execute<SettingsRow[]>(
					`update hospital set session_idle_minutes = ?, reminder_lead_minutes = ?, version = version + 1 where id = ? returning ${COLUMNS}`,
					[
						data.sessionIdleMinutes === undefined ? before!.session_idle_minutes : data.sessionIdleMinutes,
						data.reminderLeadMinutes === undefined ? before!.reminder_lead_minutes : data.reminderLeadMinutes,
						actor.hospitalId
					]
				);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'hospital.settings_updated',
					targetType: 'hospital',
					targetId: actor.hospitalId,
					before: { sessionIdleMinutes: before!.session_idle_minutes, reminderLeadMinutes: before!.reminder_lead_minutes },
					after: { sessionIdleMinutes: after!.session_idle_minutes, reminderLeadMinutes: after!.reminder_lead_minutes },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return toDto(after!);
			});
		}
	};
}
