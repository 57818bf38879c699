import { z } from 'zod';
import { ZUpdateUserInput } from '../users/user.schema.ts';
import { LOCALES } from '../i18n/locales.ts';

export const THEMES = ['system', 'light', 'dark'] as const;

export const ZProfile = z.object({
	name: z.string(),
	email: z.string(),
	phone: z.string().nullable(),
	theme: z.enum(THEMES),
	noticeToasts: z.boolean(),
	/** null: follow the device's language. */
	language: z.enum(LOCALES).nullable(),
	emailAlerts: z.boolean(),
	hasPhoto: z.boolean(),
	version: z.int()
});
export type Profile = z.infer<typeof ZProfile>;

export const ZUpdateProfileInput = z
	.object({
		name: ZUpdateUserInput.shape.name,
		phone: ZUpdateUserInput.shape.phone,
		theme: z.enum(THEMES, { error: 'profile.v.theme' }).optional(),
		noticeToasts: z.boolean().optional(),
		language: z.enum(LOCALES, { error: 'profile.v.language' }).nullable().optional(),
		emailAlerts: z.boolean().optional(),
		/** Needed when changing name or phone (a stale one is refused); preferences alone need none. */
		version: ZUpdateUserInput.shape.version.optional()
	})
	.strict()
	.refine((v) => (v.name === undefined && v.phone === undefined) || v.version !== undefined, {
		path: ['version'],
		error: 'profile.v.versionNeeded'
	});
export type UpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;
