import { callAnnouncements, type BoardCall } from './announcement.ts';
import { loadSoundChoice, saveSoundChoice, type SoundChoice } from './board-device.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A sentence that never ends (no voice, a stuck engine) must not hold up the next call. */
const SPEECH_GUARD_MS = 15_000;

/**
 * The chime and the spoken call-out. Browsers keep a page silent until someone has tapped it, so
 * the TV asks once ("Tap to turn on sound") and remembers the answer; after a reboot, a remembered
 * "on" takes the next tap or key press anywhere. Without speech synthesis the board just shows.
 */
export class Announcer {
	/** Show the "Tap to turn on sound" prompt: sound is wanted (or not decided) but not yet allowed. */
	needsTap = $state(false);
	#choice: SoundChoice | null;
	#audio: AudioContext | null = null;
	#queue: Promise<void> = Promise.resolve();
	#detach: () => void;

	constructor() {
		this.#choice = loadSoundChoice();
		if (this.#choice !== 'off') {
			this.#audio = this.#createAudio();
			// A kiosk browser may allow sound without a tap: then nothing needs asking. Without the
			// Web Audio API, only speech is left to unlock (if there is speech at all).
			this.needsTap = this.#audio ? this.#audio.state !== 'running' : this.#choice === null && typeof speechSynthesis !== 'undefined';
		}
		const onGesture = () => {
			if (this.needsTap && this.#choice === 'on') this.enable();
		};
		document.addEventListener('pointerdown', onGesture);
		document.addEventListener('keydown', onGesture);
		this.#detach = () => {
			document.removeEventListener('pointerdown', onGesture);
			document.removeEventListener('keydown', onGesture);
		};
	}

	/** Call from a tap or key press: unlocks the chime and speech, and remembers the choice. */
	enable(): void {
		this.#choice = 'on';
		saveSoundChoice('on');
		this.#audio ??= this.#createAudio();
		void this.#audio?.resume();
		// Speech, too, is allowed only after a gesture: a silent sentence now unlocks it.
		if (typeof speechSynthesis !== 'undefined') speechSynthesis.speak(new SpeechSynthesisUtterance(''));
		this.needsTap = false;
	}

	/** The board stays silent, and does not ask again. */
	silence(): void {
		this.#choice = 'off';
		saveSoundChoice('off');
		this.needsTap = false;
	}

	/** Chime, then the call in each of the branch's languages; calls close together wait their turn. */
	announce(call: BoardCall, languages: readonly string[]): void {
		if (this.#choice === 'off') return;
		this.#queue = this.#queue.then(async () => {
			if (this.needsTap) return;
			if (this.#audio?.state === 'running') await chime(this.#audio);
			for (const line of callAnnouncements(call, languages)) await speak(line.text, line.tag);
		});
	}

	/** If the browser suspends sound again (it may, e.g. after a long time in the background), ask again. */
	#createAudio(): AudioContext | null {
		if (typeof AudioContext === 'undefined') return null;
		const audio = new AudioContext();
		audio.onstatechange = () => {
			if (this.#choice !== 'off' && audio.state !== 'closed') this.needsTap = audio.state !== 'running';
		};
		return audio;
	}

	destroy(): void {
		this.#detach();
		void this.#audio?.close();
		if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
	}
}

/** A two-note "ding-dong", made on the spot: no sound file to fetch. */
async function chime(audio: AudioContext): Promise<void> {
	const start = audio.currentTime + 0.05;
	for (const [offset, frequency] of [[0, 784], [0.45, 622]] as const) {
		const tone = audio.createOscillator();
		const volume = audio.createGain();
		tone.type = 'sine';
		tone.frequency.value = frequency;
		const at = start + offset;
		volume.gain.setValueAtTime(0.0001, at);
		volume.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
		volume.gain.exponentialRampToValueAtTime(0.0001, at + 1.4);
		tone.connect(volume).connect(audio.destination);
		tone.start(at);
		tone.stop(at + 1.5);
	}
	await sleep(1300);
}

/**
 * The voice for a language: its own region first (hi-IN), else any of the language. When the
 * browser has voices but none of that language, null: an English voice reading Hindi helps nobody.
 */
function voiceFor(tag: string): SpeechSynthesisVoice | null | undefined {
	const voices = speechSynthesis.getVoices();
	if (!voices.length) return undefined; // not loaded yet: let the engine choose by `lang`
	const norm = (lang: string) => lang.replace('_', '-').toLowerCase();
	const base = tag.split('-')[0]!.toLowerCase();
	return voices.find((v) => norm(v.lang) === tag.toLowerCase()) ?? voices.find((v) => norm(v.lang).split('-')[0] === base) ?? null;
}

function speak(text: string, tag: string): Promise<void> {
	if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve();
	const voice = voiceFor(tag);
	if (voice === null) return Promise.resolve();
	return new Promise((resolve) => {
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.lang = tag;
		utterance.rate = 0.9;
		if (voice) utterance.voice = voice;
		const done = () => {
			clearTimeout(guard);
			resolve();
		};
		const guard = setTimeout(done, SPEECH_GUARD_MS);
		utterance.onend = done;
		utterance.onerror = done;
		speechSynthesis.speak(utterance);
	});
}
