import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Small secrets at rest (e.g. TOTP keys): AES-256-GCM with a key derived from APP_SECRET for one
 * purpose. Format `v1.<iv>.<ciphertext>.<tag>` in base64url; a changed byte fails to decrypt.
 */
export function createSecretBox(appSecret: string, purpose: string) {
	const key = Buffer.from(hkdfSync('sha256', appSecret, 'skinspire', `skinspire:${purpose}`, 32));
	return {
		seal(plain: Uint8Array): string {
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', key, iv);
			const body = Buffer.concat([cipher.update(plain), cipher.final()]);
			return ['v1', iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
		},
		open(sealed: string): Uint8Array {
			const [version, iv, body, tag] = sealed.split('.');
			if (version !== 'v1' || !iv || !body || !tag) throw new Error('not a sealed secret');
			const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
			decipher.setAuthTag(Buffer.from(tag, 'base64url'));
			return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
		}
	};
}

export type SecretBox = ReturnType<typeof createSecretBox>;
