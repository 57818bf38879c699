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
			.int('Enter a whole number of minutes')
			.min(5, 'At least 5 minutes')
			.max(480, 'At most 480 minutes (8 hours)')
			.nullable(),
		version: z.int('version must be the number from the settings you edited')
	})
	.strict();
