import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FieldCrypto } from '../crypto/field-crypto.ts';

/**
 * Where uploaded bytes live. The interface is small on purpose, so an S3-compatible store can be
 * added beside the local one; everything above it sees only keys and bytes.
 */
export interface FileStore {
	put(key: string, bytes: Uint8Array): Promise<void>;
	get(key: string): Promise<Buffer>;
	remove(key: string): Promise<void>;
	/** Every stored key (for key rotation); order unspecified. */
	keys(): AsyncIterable<string>;
}

/** Keys are ours, never a client's file name: letters, digits, '-', '_' and '/' between segments. */
const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

export function assertSafeKey(key: string): void {
	if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key: ${key}`);
}

/** Files under a directory (DATA_DIR/files), written atomically (temp file, then rename), mode 0600. */
export function createLocalFileStore(root: string): FileStore {
	const where = (key: string) => {
		assertSafeKey(key);
		return path.join(root, key);
	};
	return {
		async put(key, bytes) {
			const file = where(key);
			await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
			const temp = `${file}.${randomUUID()}.tmp`;
			await fs.writeFile(temp, bytes, { mode: 0o600 });
			await fs.rename(temp, file);
		},
		async get(key) {
			return fs.readFile(where(key));
		},
		async remove(key) {
			await fs.rm(where(key), { force: true });
		},
		async *keys() {
			const walk = async function* (dir: string, prefix: string): AsyncGenerator<string> {
				const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
				for (const e of entries) {
					if (e.isDirectory()) yield* walk(path.join(dir, e.name), `${prefix}${e.name}/`);
					else if (!e.name.endsWith('.tmp')) yield `${prefix}${e.name}`;
				}
			};
			yield* walk(root, '');
		}
	};
}

/**
 * The same interface, encrypted at rest with the patient-data key ring: each file is sealed with
 * AES-256-GCM bound to its key, so a file swapped for another fails to open.
 */
export function createEncryptedFileStore(store: FileStore, crypto: FieldCrypto): FileStore & { keyIdOf(key: string): Promise<string | undefined> } {
	const context = (key: string) => `file:${key}`;
	return {
		put: (key, bytes) => store.put(key, crypto.encryptBytes(bytes, context(key))),
		get: async (key) => crypto.decryptBytes(await store.get(key), context(key)),
		remove: (key) => store.remove(key),
		keys: () => store.keys(),
		keyIdOf: async (key) => crypto.fileKeyIdOf(await store.get(key))
	};
}

export type EncryptedFileStore = ReturnType<typeof createEncryptedFileStore>;
