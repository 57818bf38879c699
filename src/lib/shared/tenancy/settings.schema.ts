import { z } from 'zod';

export const ZHospitalSettings = z.object({
	name: z.string(),
	/** Minutes without activity before a session ends; null follows the server's default. */
	sessionIdleMinutes: z.int().nullable(),
	defaultSessionIdleMinutes: z.int(),
	/** Minutes before an appointment its reminder goes out; null follows the server's default. */
	reminderLeadMinutes: z.int().nullable(),
	defaultReminderLeadMinutes: z.int(),
	version: z.int()
});
export type HospitalSettings = z.infer<typeof ZHospitalSettings>;

/** A field left out stays as it is; null returns it to the server's default. */
export const ZUpdateHospitalSettingsInput = z
	.object({
		sessionIdleMinutes: z
			.int('settings.v.idleWhole')
			.min(5, 'settings.v.idleMin')
			.max(480, 'settings.v.idleMax')
			.nullable()
			.optional(),
		reminderLeadMinutes: z
			.int('reminders.v.leadWhole')
			.min(15, 'reminders.v.leadMin')
			.max(20160, 'reminders.v.leadMax')
			.nullable()
			.optional(),
		version: z.int('settings.v.version')
	})
	.strict();
