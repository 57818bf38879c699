import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import { ConfigError } from './config.ts';
import { generateKeyMaterial, keyRingProblems } from '../crypto/field-crypto.ts';

export interface Secrets {
	/** Keys the pseudonyms written to logs (failed sign-ins are traceable without logging the email). */
	appSecret: string;
	/** The patient-data key ring (PATIENT_DATA_KEYS) and the blind-index key (PATIENT_INDEX_KEY). */
	patientDataKeys: string;
	patientIndexKey: string;
}

/**
 * Secrets come from the environment. A demo database may run without them: they are generated
 * once under DATA_DIR, with a warning, so `npm run build && npm start` on a demo works too.
 * Anywhere else a missing secret stops start-up, saying how to make one.
 */
export function resolveSecrets(opts: {
	appSecret: string | undefined;
	patientDataKeys?: string | undefined;
	patientIndexKey?: string | undefined;
	dataDir: string;
	demoMode: boolean;
	logger: Logger;
}): Secrets {
	const given = { appSecret: opts.appSecret, patientDataKeys: opts.patientDataKeys, patientIndexKey: opts.patientIndexKey };
	// Keys that are given must be right, demo or not; outside demo mode every secret must be given.
	const keysGiven = !!(given.patientDataKeys || given.patientIndexKey);
	const problems = [
		...(given.appSecret || opts.demoMode ? [] : ['APP_SECRET is not set. Generate one with `openssl rand -base64 48` and set APP_SECRET (only demo databases may run without it)']),
		...(keysGiven || !opts.demoMode ? keyRingProblems(given.patientDataKeys, given.patientIndexKey) : [])
	];
	if (problems.length) throw new ConfigError(problems);
	const missing = (Object.keys(given) as (keyof Secrets)[]).filter((k) => !given[k]);
	if (!missing.length) return given as Secrets;

	const file = path.join(opts.dataDir, 'demo-secrets.json');
	const stored: Partial<Secrets> = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
	const generated: string[] = [];
	if (!stored.appSecret) {
		stored.appSecret = randomBytes(48).toString('base64');
		generated.push('APP_SECRET');
	}
	if (!stored.patientDataKeys || !stored.patientIndexKey) {
		const material = generateKeyMaterial();
		stored.patientDataKeys = material.dataKeys;
		stored.patientIndexKey = material.indexKey;
		generated.push('PATIENT_DATA_KEYS', 'PATIENT_INDEX_KEY');
	}
	if (generated.length) {
		fs.mkdirSync(opts.dataDir, { recursive: true });
		fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
	}
	opts.logger.warn(
		{ file, generated, used: missing },
		'demo mode: secrets that were not set come from DATA_DIR (generated there on first use); set your own before real use'
	);
	return { ...(stored as Secrets), ...Object.fromEntries(Object.entries(given).filter(([, v]) => v)) };
}
