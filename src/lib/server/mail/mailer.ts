import nodemailer from 'nodemailer';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
}

export interface StoredMail extends OutgoingMail {
	id: string;
	from: string;
	sentAt: string;
}

export interface Mailer {
	send(mail: OutgoingMail): Promise<void>;
	/** Mail written to DATA_DIR/mail (demo mode, or when no SMTP server is configured), newest first. */
	stored(): Promise<StoredMail[]>;
}

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise every message is written as JSON under
 * DATA_DIR/mail, where the demo-only /dev/mail page reads it.
 */
export function createMailer(opts: { smtpUrl: string | undefined; from: string; dataDir: string; logger: Logger }): Mailer {
	const dir = path.join(opts.dataDir, 'mail');
	const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined;
	if (!transport) opts.logger.warn({ dir }, 'SMTP_URL is not set: outgoing mail is written to DATA_DIR/mail instead of being sent');
	return {
		async send(mail) {
			if (transport) {
				await transport.sendMail({ from: opts.from, ...mail });
				return;
			}
			await fs.mkdir(dir, { recursive: true, mode: 0o700 });
			const stored: StoredMail = { id: randomUUID(), from: opts.from, sentAt: new Date().toISOString(), ...mail };
			// Written aside, then renamed: whoever reads the mailbox (/dev/mail) never sees half a message.
			const file = path.join(dir, `${stored.sentAt.replaceAll(':', '-')}-${stored.id}.json`);
			await fs.writeFile(`${file}.part`, JSON.stringify(stored, null, 2), { mode: 0o600 });
			await fs.rename(`${file}.part`, file);
		},
		async stored() {
			const files = await fs.readdir(dir).then(
				(names) => names.filter((f) => f.endsWith('.json')),
				() => [] as string[]
			);
			files.sort().reverse();
			return Promise.all(files.slice(0, 100).map(async (f) => JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')) as StoredMail));
		}
	};
}
