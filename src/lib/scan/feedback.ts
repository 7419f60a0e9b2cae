/**
 * What a person hears and feels on a scan: a short high beep and a short buzz
 * when it is taken, a lower double tone and a double buzz when it is
 * rejected — the sounds counter scanners make, so nobody has to look up.
 * (The visible flash and message are ScanFeedback.svelte.)
 *
 * Browsers start audio only after a user gesture, so the AudioContext is made
 * on the first key or pointer press (a wedge scan is one) and resumed there.
 */

export interface Tone {
	hz: number;
	ms: number;
	/** Silence before this tone. */
	gapMs?: number;
}

export const ACCEPT_TONES: readonly Tone[] = [{ hz: 1760, ms: 70 }];
export const REJECT_TONES: readonly Tone[] = [
	{ hz: 330, ms: 120 },
	{ hz: 262, ms: 160, gapMs: 70 }
];
export const ACCEPT_VIBRATION = [40];
export const REJECT_VIBRATION = [80, 60, 80];

type AudioContextClass = typeof AudioContext;
type BrowserWindow = Window & {
	AudioContext?: AudioContextClass;
	webkitAudioContext?: AudioContextClass;
};

const browserWindow = (): BrowserWindow | null => (typeof window === 'undefined' ? null : window);

export class ScanSounds {
	private context: AudioContext | null = null;
	private unlockListener: (() => void) | null = null;

	constructor(private readonly win: BrowserWindow | null = browserWindow()) {}

	/** Creates the audio on the first gesture; returns the cleanup. */
	listenForGesture(): () => void {
		const win = this.win;
		if (!win) return () => {};
		const unlock = () => {
			this.unlock();
			win.removeEventListener('keydown', unlock, true);
			win.removeEventListener('pointerdown', unlock, true);
		};
		this.unlockListener = unlock;
		win.addEventListener('keydown', unlock, true);
		win.addEventListener('pointerdown', unlock, true);
		return unlock;
	}

	accept(): void {
		this.play(ACCEPT_TONES, 'sine');
		vibrate(this.win, ACCEPT_VIBRATION);
	}

	reject(): void {
		this.play(REJECT_TONES, 'square');
		vibrate(this.win, REJECT_VIBRATION);
	}

	close(): void {
		this.unlockListener?.();
		void this.context?.close().catch(() => {});
		this.context = null;
	}

	private unlock() {
		const Context = this.win?.AudioContext ?? this.win?.webkitAudioContext;
		if (!Context) return;
		try {
			const context = (this.context ??= new Context());
			if (context.state === 'suspended') void context.resume().catch(() => {});
		} catch {
			this.context = null; // no audio device: scans stay silent
		}
	}

	private play(tones: readonly Tone[], type: OscillatorType) {
		const ctx = this.context;
		if (!ctx || ctx.state !== 'running') return;
		let t = ctx.currentTime + 0.005;
		for (const tone of tones) {
			t += (tone.gapMs ?? 0) / 1000;
			const end = t + tone.ms / 1000;
			const osc = ctx.createOscillator();
			const gain = ctx.createGain();
			osc.type = type;
			osc.frequency.value = tone.hz;
			// A few ms of ramp at each end: a hard edge clicks.
			gain.gain.setValueAtTime(0, t);
			gain.gain.linearRampToValueAtTime(0.2, t + 0.005);
			gain.gain.setValueAtTime(0.2, end - 0.01);
			gain.gain.linearRampToValueAtTime(0, end);
			osc.connect(gain).connect(ctx.destination);
			osc.start(t);
			osc.stop(end + 0.01);
			t = end;
		}
	}
}

function vibrate(win: Window | null, pattern: number[]) {
	const nav = win?.navigator;
	if (!nav || typeof nav.vibrate !== 'function') return;
	try {
		nav.vibrate(pattern);
	} catch {
		// Some browsers refuse without a recent gesture: the sound and flash remain.
	}
}
