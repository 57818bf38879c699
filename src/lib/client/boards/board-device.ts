/**
 * What a paired TV remembers across reboots, in its own browser storage: the device token (its
 * only credential), which branch it shows, and whether someone chose sound on or off.
 */
export interface PairedBoard {
	token: string;
	deviceId: string;
	branch: { id: string; name: string; code: string };
}

const PAIRING_KEY = 'skinspire-board';
const SOUND_KEY = 'skinspire-board-sound';

export type SoundChoice = 'on' | 'off';

function isPairedBoard(value: unknown): value is PairedBoard {
	const v = value as PairedBoard | null;
	return !!v && typeof v.token === 'string' && v.token.startsWith('ssb_') && typeof v.deviceId === 'string' && typeof v.branch?.id === 'string' && typeof v.branch?.name === 'string';
}

export function loadPairing(storage: Storage = localStorage): PairedBoard | null {
	try {
		const parsed: unknown = JSON.parse(storage.getItem(PAIRING_KEY) ?? 'null');
		return isPairedBoard(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

export function savePairing(pairing: PairedBoard, storage: Storage = localStorage): void {
	storage.setItem(PAIRING_KEY, JSON.stringify(pairing));
}

export function forgetPairing(storage: Storage = localStorage): void {
	storage.removeItem(PAIRING_KEY);
}

export function loadSoundChoice(storage: Storage = localStorage): SoundChoice | null {
	const value = storage.getItem(SOUND_KEY);
	return value === 'on' || value === 'off' ? value : null;
}

export function saveSoundChoice(choice: SoundChoice, storage: Storage = localStorage): void {
	storage.setItem(SOUND_KEY, choice);
}
