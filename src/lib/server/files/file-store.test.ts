import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFieldCrypto, DecryptionError, generateKeyMaterial, parseKeyRing } from '../crypto/field-crypto.ts';
import { createEncryptedFileStore, createLocalFileStore } from './file-store.ts';

const material = generateKeyMaterial();
const crypto = createFieldCrypto(parseKeyRing(material.dataKeys, material.indexKey));

describe('encrypted file store', () => {
	it('stores ciphertext on disk, gives the bytes back, and refuses a file moved to another key', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-files-'));
		const store = createEncryptedFileStore(createLocalFileStore(root), crypto);
		const photo = Buffer.from('JFIF pretend photo of a patient: GPS 12.97N');
		await store.put('h1/p1/photo-a', photo);
		const onDisk = fs.readFileSync(path.join(root, 'h1/p1/photo-a'));
		expect(onDisk.includes(Buffer.from('pretend photo'))).toBe(false);
		expect(fs.statSync(path.join(root, 'h1/p1/photo-a')).mode & 0o777).toBe(0o600);
		expect((await store.get('h1/p1/photo-a')).equals(photo)).toBe(true);
		expect(await store.keyIdOf('h1/p1/photo-a')).toBe('k1');

		fs.copyFileSync(path.join(root, 'h1/p1/photo-a'), path.join(root, 'h1/p1/photo-b'));
		await expect(store.get('h1/p1/photo-b')).rejects.toThrow(DecryptionError);
		const keys = [];
		for await (const k of store.keys()) keys.push(k);
		expect(keys.sort()).toEqual(['h1/p1/photo-a', 'h1/p1/photo-b']);
	});

	it('never lets a key leave its directory', async () => {
		const store = createLocalFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'skinspire-files-')));
		for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a\\b', 'a//b', '']) await expect(store.put(key, new Uint8Array(1))).rejects.toThrow(/unsafe storage key/);
	});
});
