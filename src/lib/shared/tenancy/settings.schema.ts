import { z } from 'zod';

export const ZHospitalSettings = z.object({
	name: z.string(),
	/** Minutes without activity before a session ends; null follows the server's default. */
	sessionIdleMinutes: z.int().nullable(),
	defaultSessionIdleMinutes: z.int(),
	version: z.int()
});
export type HospitalSettings = z.infer<typeof ZHospitalSettings>;

export const ZUpdateHospitalSettingsInput = z
	.object({
		sessionIdleMinutes: z
			.int('settings.v.idleWhole')
			.min(5, 'settings.v.idleMin')
			.max(480, 'settings.v.idleMax')
			.nullable(),
		version: z.int('settings.v.version')
	})
	.strict();
