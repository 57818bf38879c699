import fs from 'node:fs';
import path from 'node:path';

/** The messages a test server wrote to DATA_DIR/mail (no SMTP in tests), newest last. */
export function readMail(dataDir: string): { to: string; subject: string; text: string }[] {
	const dir = path.join(dataDir, 'mail');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

export function invitationLink(dataDir: string, to: string): string {
	const mail = readMail(dataDir).filter((m) => m.to === to).at(-1);
	const link = mail?.text.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
	if (!link) throw new Error(`no invitation mail to ${to}`);
	return link;
}
