import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import { ConfigError } from './config.ts';

export interface Secrets {
	/** Keys the pseudonyms written to logs (failed sign-ins are traceable without logging the email). */
	appSecret: string;
}

/**
 * Secrets come from the environment. A demo database may run without them: they are generated
 * once under DATA_DIR, with a warning, so `npm run build && npm start` on a demo works too.
 * Anywhere else a missing secret stops start-up.
 */
export function resolveSecrets(opts: { appSecret: string | undefined; dataDir: string; demoMode: boolean; logger: Logger }): Secrets {
	if (opts.appSecret) return { appSecret: opts.appSecret };
	if (!opts.demoMode) {
		throw new ConfigError([
			'APP_SECRET is not set. Generate one with `openssl rand -base64 48` and set APP_SECRET (only demo databases may run without it)'
		]);
	}
	const file = path.join(opts.dataDir, 'demo-secrets.json');
	let stored: Partial<Secrets> = {};
	if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
	if (!stored.appSecret) {
		stored.appSecret = randomBytes(48).toString('base64');
		fs.mkdirSync(opts.dataDir, { recursive: true });
		fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
		opts.logger.warn({ file }, 'demo mode: APP_SECRET was not set, so one was generated; set your own secrets before real use');
	} else {
		opts.logger.warn({ file }, 'demo mode: using the generated APP_SECRET from DATA_DIR');
	}
	return { appSecret: stored.appSecret };
}
