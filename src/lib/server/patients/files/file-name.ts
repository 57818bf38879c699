import type { PatientFileType } from '../../../shared/patients/patient-files.schema.ts';
import { EXTENSIONS } from './content-type.ts';

const MAX_LENGTH = 200;
const ALL_EXTENSIONS = new Set(Object.values(EXTENSIONS).flat());

/**
 * The name to show and to offer on download, made from what the client sent. Never a storage
 * path (files are stored under ids), but it still reaches people's disks and screens, so:
 * folders are dropped (`../../etc/passwd` → `passwd`), as are control characters and the
 * bidirectional overrides that disguise an extension (`invoice\u202Efdp.exe`); the extension
 * is made to match what the bytes are, so a download opens in the right program; the result is
 * at most 200 characters. A name with nothing left becomes `file.<ext>`.
 */
export function cleanFileName(raw: string, type: PatientFileType): string {
	let name = raw.normalize('NFC');
	// Old browsers and some apps send the whole local path.
	name = name.split(/[/\\]/).pop() ?? '';
	name = name
		// eslint-disable-next-line no-control-regex -- control characters are what this removes
		.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		// Leading dots make hidden files; trailing dots and spaces are dropped by Windows anyway.
		.replace(/^[.\s]+/, '')
		.replace(/[.\s]+$/, '');
	const known = EXTENSIONS[type];
	const dot = name.lastIndexOf('.');
	const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
	// The right extension stays; another accepted type's (a JPEG named .pdf) is replaced; any
	// other ending is part of the name (`report.v2` → `report.v2.pdf`, `page.html` → `page.html.png`).
	const keep = known.includes(ext);
	const replace = !keep && ALL_EXTENSIONS.has(ext);
	let stem = (keep || replace ? name.slice(0, dot) : name).replace(/[.\s]+$/, '');
	if (!stem) stem = 'file';
	const suffix = keep ? name.slice(dot + 1) : known[0]!;
	// Cut the stem, never the extension, and never inside a surrogate pair.
	const room = MAX_LENGTH - suffix.length - 1;
	if (stem.length > room) stem = Array.from(stem).reduce((out, ch) => (out.length + ch.length <= room ? out + ch : out), '').trimEnd();
	return `${stem}.${suffix}`;
}

/** A Content-Disposition header that every browser reads right, whatever the characters of the name. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
	const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
	return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
