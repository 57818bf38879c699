import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';

export interface TextMessage {
	/** The number as stored on the patient's record (e.g. +919000010001). */
	to: string;
	body: string;
}

/**
 * Where text messages go. A real gateway (an Indian DLT-registered SMS provider, say) implements
 * this one method; `send` resolves once the provider has accepted the message and rejects when it
 * has not, so the caller can retry.
 */
export interface SmsProvider {
	readonly kind: SmsProviderKind;
	send(message: TextMessage): Promise<void>;
}

export type SmsProviderKind = 'console' | 'file' | 'none';

export const SMS_OUTBOX_FILE = 'sms-outbox.jsonl';

/** Appends one JSON line per message to DATA_DIR/sms-outbox.jsonl: a demo's "phone". */
function fileProvider(dataDir: string): SmsProvider {
	const file = path.join(dataDir, SMS_OUTBOX_FILE);
	return {
		kind: 'file',
		async send({ to, body }) {
			await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
			// One write per line with O_APPEND: lines from several nodes sharing DATA_DIR never interleave.
			await fs.appendFile(file, `${JSON.stringify({ to, body, sentAt: new Date().toISOString() })}\n`, { mode: 0o600 });
		}
	};
}

/** Prints each message to the log, for a developer's terminal (refused in production by the config). */
function consoleProvider(logger: Logger): SmsProvider {
	const log = logger.child({ component: 'sms' });
	return {
		kind: 'console',
		async send({ to, body }) {
			log.info({ to, body }, 'text message (SMS_PROVIDER=console)');
		}
	};
}

const noProvider: SmsProvider = {
	kind: 'none',
	async send() {
		throw new Error('no SMS provider is configured');
	}
};

export function createSmsProvider(kind: SmsProviderKind, opts: { dataDir: string; logger: Logger }): SmsProvider {
	if (kind === 'file') return fileProvider(opts.dataDir);
	if (kind === 'console') return consoleProvider(opts.logger);
	return noProvider;
}
