import type { MikroORM } from '@mikro-orm/postgresql';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { JobHandler, JobPlanner } from '../jobs/job-runner.ts';
import type { Logger } from '../logging/logger.ts';
import type { Mailer } from '../mail/mailer.ts';
import { open } from '../patients/patient-codec.ts';
import type { SmsProvider } from '../sms/sms-provider.ts';
import { reminderText } from './reminder-text.ts';
import { patientLocale } from '../patients/patient-locale.ts';

export const REMINDER_JOB = 'reminder';

/** Statuses an appointment still expects its patient in. */
const AWAITED = `('booked', 'confirmed')`;
/** The start as whole epoch milliseconds, the same in the planner's key and the runner's check. */
const STARTS_MS = `floor(extract(epoch from a.starts_at) * 1000)::bigint`;
const DEDUPE_KEY = `'reminder:' || a.id || ':' || ${STARTS_MS}`;

/**
 * Plans a reminder for every awaited appointment that has not started and starts within its
 * hospital's lead time. The key holds the start, so a moved appointment gets a reminder for its
 * new time and the old job finds it moved; a repeat (this node later, another node now) does nothing.
 */
export function reminderPlanner(defaultLeadMinutes: number): JobPlanner {
	return async (em) => {
		const rows = await em.execute<{ id: string }[]>(
			`insert into scheduled_job (kind, dedupe_key, payload, run_at, status, attempts, created_at)
			 select ?, ${DEDUPE_KEY}, jsonb_build_object('appointmentId', a.id, 'startsAtMs', ${STARTS_MS}), now(), 'pending', 0, now()
			 from branch b
			 join hospital h on h.id = b.hospital_id
			 join appointment a on a.branch_id = b.id
			 where a.status in ${AWAITED}
			   and a.starts_at > now()
			   and a.starts_at <= now() + make_interval(mins => coalesce(h.reminder_lead_minutes, ?))
			   -- Planned already (the usual case at every poll): skip it here rather than at the
			   -- conflict, which would draw an id from the sequence for nothing.
			   and not exists (select 1 from scheduled_job j where j.dedupe_key = ${DEDUPE_KEY})
			 on conflict (dedupe_key) do nothing
			 returning id`,
			[REMINDER_JOB, defaultLeadMinutes]
		);
		return rows.length;
	};
}

interface ReminderRow {
	status: string;
	starts_ms: string;
	starts_at: Date;
	hospital_name: string;
	branch_name: string;
	branch_address: string | null;
	branch_phone: string | null;
	time_zone: string;
	service_name: string;
	practitioner_name: string;
	patient_id: string;
	full_name: string;
	preferred_name: string | null;
	preferred_language: string | null;
	email_enc: string | null;
	phone_enc: string | null;
	consent_email: boolean;
	consent_sms: boolean;
}

type Channel = 'email' | 'sms';

/**
 * Sends one appointment's reminder: email when the patient agreed to email and has an address,
 * a text message when they agreed to SMS, have a number and a provider is configured; in their
 * language, with the time on the branch's clock. Checked against the appointment as it is now:
 * cancelled, moved or already begun means skipped. Each channel goes out at most once: a retry
 * after a failure sends only what failed, never what an earlier try may have sent (a timeout, a
 * node that died mid-send).
 */
export function reminderHandler(deps: { orm: MikroORM; crypto: FieldCrypto; mailer: Mailer; sms: SmsProvider; logger: Logger; now?: () => number }): JobHandler {
	const now = deps.now ?? Date.now;
	return async (job) => {
		const appointmentId = String(job.payload.appointmentId ?? '');
		const [row] = await deps.orm.em.fork().execute<ReminderRow[]>(
			`select a.status, ${STARTS_MS} as starts_ms, a.starts_at,
			        h.name as hospital_name, b.name as branch_name, b.address as branch_address, b.phone as branch_phone, b.time_zone,
			        s.name as service_name, u.name as practitioner_name,
			        p.id as patient_id, p.full_name, p.preferred_name, p.preferred_language, p.email_enc, p.phone_enc, p.consent_email, p.consent_sms
			 from appointment a
			 join hospital h on h.id = a.hospital_id
			 join branch b on b.id = a.branch_id
			 join clinic_service s on s.id = a.service_id
			 join app_user u on u.id = a.practitioner_id
			 join patient p on p.id = a.patient_id
			 where a.id = ?`,
			[appointmentId]
		);
		if (!row) return { status: 'skipped', reason: 'appointment no longer exists' };
		if (!['booked', 'confirmed'].includes(row.status)) return { status: 'skipped', reason: `appointment is ${row.status}` };
		if (String(row.starts_ms) !== String(job.payload.startsAtMs)) return { status: 'skipped', reason: 'appointment was moved (its new time has its own reminder)' };
		if (new Date(row.starts_at).getTime() <= now()) return { status: 'skipped', reason: 'appointment has already begun' };

		const email = row.consent_email ? open<string>(deps.crypto, row.patient_id, 'email', row.email_enc) : null;
		const phone = row.consent_sms && deps.sms.kind !== 'none' ? open<string>(deps.crypto, row.patient_id, 'phone', row.phone_enc) : null;
		if (!email && !phone) return { status: 'skipped', reason: 'no contact the patient agreed to' };

		const locale = patientLocale(row.preferred_language);
		const text = reminderText(locale, {
			patientName: row.preferred_name || row.full_name,
			hospitalName: row.hospital_name,
			branchName: row.branch_name,
			branchAddress: row.branch_address,
			branchPhone: row.branch_phone,
			timeZone: row.time_zone,
			startsAt: new Date(row.starts_at),
			serviceName: row.service_name,
			practitionerName: row.practitioner_name
		});
		// Each channel at most once, whatever happens to this try (see ClaimedJob.once); `sent` is for operators.
		const sent = new Set<Channel>(Array.isArray(job.payload.sent) ? (job.payload.sent as Channel[]) : []);
		const send = async (channel: Channel, effect: () => Promise<unknown>) => {
			// A try from before job steps existed recorded what it sent only here.
			if (sent.has(channel)) return;
			if ((await job.once(channel, effect)) === 'done') job.payload.sent = [...sent.add(channel)];
		};
		if (email) await send('email', () => deps.mailer.send({ to: email, subject: text.subject, text: text.mail }));
		if (phone) await send('sms', () => deps.sms.send({ to: phone, body: text.sms }));
		return { status: 'done' };
	};
}
