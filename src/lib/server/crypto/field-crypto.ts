import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Field-level encryption for patient data: AES-256-GCM under a key ring. Each ciphertext names
 * the key that sealed it (`f1.<keyId>.<iv>.<body>.<tag>`, base64url), so keys can rotate: the
 * first key of the ring seals, every key opens. The "context" (e.g. `patient:<id>:phone`) is bound
 * as associated data, so a ciphertext copied onto another field or patient fails to open.
 *
 * Exact-match search on encrypted values goes through a blind index: an HMAC of the normalised
 * value under a separate key, so the index reveals nothing without that key and the data keys
 * can rotate without re-indexing.
 */
export interface KeyRing {
	/** The key that seals new values. */
	currentId: string;
	keys: ReadonlyMap<string, Buffer>;
	indexKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const FILE_MAGIC = Buffer.from('SSF1');

/** Problems with the configured keys, each saying what to set instead. Empty when the ring is usable. */
export function keyRingProblems(dataKeys: string | undefined, indexKey: string | undefined): string[] {
	const problems: string[] = [];
	if (!dataKeys) problems.push(`PATIENT_DATA_KEYS is not set. Generate one with: echo "k1:$(openssl rand -base64 32)"`);
	else {
		const seen = new Set<string>();
		for (const entry of dataKeys.split(',')) {
			const [id, key] = entry.trim().split(':');
			if (!id || !KEY_ID.test(id) || key === undefined) problems.push(`PATIENT_DATA_KEYS entries look like <id>:<base64 key>, e.g. k2:…,k1:… (the first one encrypts); "${entry.trim().slice(0, 20)}" is not`);
			else if (seen.has(id)) problems.push(`PATIENT_DATA_KEYS names key ${id} twice`);
			else if (Buffer.from(key, 'base64').length !== 32) problems.push(`PATIENT_DATA_KEYS key ${id} must be 32 random bytes in base64 (openssl rand -base64 32)`);
			if (id) seen.add(id);
		}
	}
	if (!indexKey) problems.push('PATIENT_INDEX_KEY is not set. Generate one with: openssl rand -base64 32 (it is never rotated: keep it with your backups)');
	else if (Buffer.from(indexKey, 'base64').length !== 32) problems.push('PATIENT_INDEX_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
	return problems;
}

/** The ring from PATIENT_DATA_KEYS / PATIENT_INDEX_KEY; call keyRingProblems first. */
export function parseKeyRing(dataKeys: string, indexKey: string): KeyRing {
	const problems = keyRingProblems(dataKeys, indexKey);
	if (problems.length) throw new Error(problems.join('; '));
	const entries = dataKeys.split(',').map((e) => e.trim().split(':') as [string, string]);
	return { currentId: entries[0]![0], keys: new Map(entries.map(([id, key]) => [id, Buffer.from(key, 'base64')])), indexKey: Buffer.from(indexKey, 'base64') };
}

export function generateKeyMaterial(): { dataKeys: string; indexKey: string } {
	return { dataKeys: `k1:${randomBytes(32).toString('base64')}`, indexKey: randomBytes(32).toString('base64') };
}

export class DecryptionError extends Error {
	constructor(reason: string) {
		super(`cannot decrypt: ${reason}`);
		this.name = 'DecryptionError';
	}
}

export function createFieldCrypto(ring: KeyRing) {
	// Key objects made once: building one from raw bytes on every call was most of an export's CPU.
	const keys = new Map<string, KeyObject>([...ring.keys].map(([id, raw]) => [id, createSecretKey(raw)]));
	const indexKey = createSecretKey(ring.indexKey);
	const current = keys.get(ring.currentId)!;
	return {
		currentKeyId: ring.currentId,

		encrypt(plain: string, context: string): string {
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', current, iv);
			cipher.setAAD(Buffer.from(context));
			const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
			return `f1.${ring.currentId}.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
		},

		decrypt(sealed: string, context: string): string {
			const [version, keyId, iv, body, tag] = sealed.split('.');
			if (version !== 'f1' || !keyId || !iv || body === undefined || !tag) throw new DecryptionError('not a sealed field');
			const key = keys.get(keyId);
			if (!key) throw new DecryptionError(`key ${keyId} is not in PATIENT_DATA_KEYS`);
			try {
				const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
				decipher.setAAD(Buffer.from(context));
				decipher.setAuthTag(Buffer.from(tag, 'base64url'));
				return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
			} catch {
				throw new DecryptionError('the value was altered or belongs elsewhere');
			}
		},

		/**
		 * Whole files (documents, photos, uploaded CSVs): `SSF1`, the key id's length and the key
		 * id, a 12-byte nonce, the 16-byte tag, then the ciphertext. The context binds it to its key.
		 */
		encryptBytes(plain: Uint8Array, context: string): Buffer {
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', current, iv);
			cipher.setAAD(Buffer.from(context));
			const body = Buffer.concat([cipher.update(plain), cipher.final()]);
			const id = Buffer.from(ring.currentId);
			return Buffer.concat([FILE_MAGIC, Buffer.from([id.length]), id, iv, cipher.getAuthTag(), body]);
		},

		decryptBytes(sealed: Uint8Array, context: string): Buffer {
			const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
			if (buf.length < 5 || !buf.subarray(0, 4).equals(FILE_MAGIC)) throw new DecryptionError('not a sealed file');
			const idLength = buf[4]!;
			const keyId = buf.subarray(5, 5 + idLength).toString();
			const key = keys.get(keyId);
			if (!key) throw new DecryptionError(`key ${keyId} is not in PATIENT_DATA_KEYS`);
			const at = 5 + idLength;
			try {
				const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(at, at + 12));
				decipher.setAAD(Buffer.from(context));
				decipher.setAuthTag(buf.subarray(at + 12, at + 28));
				return Buffer.concat([decipher.update(buf.subarray(at + 28)), decipher.final()]);
			} catch {
				throw new DecryptionError('the file was altered or belongs elsewhere');
			}
		},

		/** The key that sealed a file, for key rotation. */
		fileKeyIdOf(sealed: Uint8Array): string | undefined {
			const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
			return buf.subarray(0, 4).equals(FILE_MAGIC) ? buf.subarray(5, 5 + buf[4]!).toString() : undefined;
		},

		keyIdOf(sealed: string): string | undefined {
			return sealed.split('.')[1];
		},

		/** HMAC-SHA-256 of a normalised value, per kind so equal strings of two kinds differ. */
		blindIndex(kind: string, normalised: string): string {
			return createHmac('sha256', indexKey).update(`${kind}\u0000${normalised}`).digest('base64url');
		}
	};
}

export type FieldCrypto = ReturnType<typeof createFieldCrypto>;
