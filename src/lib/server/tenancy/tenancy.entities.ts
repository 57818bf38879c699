import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Opening hours per weekday (0 = Sunday), local to the branch's time zone; absent day = closed. */
export type OpeningHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', { opens: string; closes: string }>>;

export const Hospital = defineEntity({
	name: 'Hospital',
	tableName: 'hospital',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		name: p.string().length(200),
		/** Demo hospitals are seeded by `npm run db:seed`; their presence puts the app in demo mode. */
		isDemo: p.boolean().default(false),
		/** Sign out after this many idle minutes; null = SESSION_IDLE_MINUTES. */
		sessionIdleMinutes: p.integer().nullable(),
		/** Appointment reminders go out this many minutes before the start; null = REMINDER_LEAD_MINUTES. */
		reminderLeadMinutes: p.integer().nullable(),
		version: p.integer().default(1),
		createdAt: p.datetime().onCreate(() => new Date())
	}
});
export type Hospital = InferEntity<typeof Hospital>;

export const Branch = defineEntity({
	name: 'Branch',
	tableName: 'branch',
	properties: {
		id: p.uuid().primary().onCreate(() => randomUUID()),
		hospital: () => p.manyToOne(Hospital).mapToPk(),
		name: p.string().length(120),
		/** Short code used in URLs and record numbers, e.g. IND. */
		code: p.string().length(8),
		timeZone: p.string().length(64),
		address: p.text().nullable(),
		phone: p.string().length(32).nullable(),
		taxRegistrationNumber: p.string().length(32).nullable(),
		openingHours: p.json<OpeningHours>(),
		/** Languages the waiting room hears call-outs in, in order (e.g. en, hi). */
		languages: p.array().default(['en', 'hi']),
		createdAt: p.datetime().onCreate(() => new Date())
	},
	uniques: [{ properties: ['hospital', 'code'] }]
});
export type Branch = InferEntity<typeof Branch>;
