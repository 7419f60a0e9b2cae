/**
 * Tells a keyboard-wedge scanner from a person at the keyboard.
 *
 * A wedge scanner "types" the code as key events, much faster and more evenly
 * than a person, and ends it with Enter (or Tab). A scan is a run of
 * character keys ended by a terminator in which
 * - more than half of the gaps between keys (the terminator's included) are
 *   at most `maxKeyGapMs`, and none is over 25 times that, and
 * - there are at least `minLength` characters once the configured prefix and
 *   suffix are stripped.
 * A majority rather than every gap: a Bluetooth link delivers keys in
 * batches with a pause between, and a busy machine delivers an odd key late
 * (measured here: Playwright's keyboard.type at 0–5 ms a key, with the CPU
 * shared, gives gaps of 1–40 ms with single ones of 100–200 ms). A person
 * never types most keys that fast.
 *
 * Typing just before a scan is not part of it: the scan starts where the
 * gaps turn from slow to fast (`scanStart`).
 *
 * Why the defaults:
 * - `maxKeyGapMs` 40: USB wedge scanners send a key every 1–10 ms (the USB
 *   poll interval), Bluetooth HID ones every 7.5–30 ms (the connection
 *   interval); Playwright's keyboard.type with a 0–5 ms delay lands at
 *   1–10 ms on a quiet machine. It is half the 80 ms a key that people
 *   type at or slower: a skilled typist's rolled key pair can come faster,
 *   but not most keys of a word and its Enter. It also bounds how late a
 *   fast-typed key appears (see below): well under what anyone notices.
 * - `minLength` 4: codes Unitrack meets (serials, stock codes, EANs) are
 *   longer; a few fast keys and Enter are still something a person does.
 *
 * The detector is pure: it receives `key` values (KeyboardEvent.key, so a
 * capital arrives as 'A' whether or not Shift was held) with their times and
 * answers what the caller must do with each key. Modifier-only keys (Shift,
 * Control, …) are ignored altogether. GS (U+001D), which the source makes
 * of Ctrl+], is a character of a scan (a GS1 code's separator) but is never
 * typed into a field. A key that comes slowly is let
 * through (it is typing, as far as anyone can tell yet); a key that comes
 * fast is held back. Held keys are typed, in order, as soon as a slow key
 * or `maxKeyGapMs` of quiet shows the burst was typing. When a terminator
 * shows it was a scan, the caller puts the field back as it was before the
 * scan's first character reached it (`takeBackFrom`), so nothing of the
 * scan stays typed.
 */
import type { WedgeSettings } from './wedge-settings';

/** A scan the detector recognised. */
export interface WedgeScan {
	/** The code, prefix and suffix stripped. */
	code: string;
	/** The characters as they were typed, before stripping. */
	raw: string;
	/** Time of the first key. */
	startedAt: number;
	/** Time of the terminator. */
	endedAt: number;
	/** Milliseconds between consecutive keys, the terminator's gap last. */
	gaps: number[];
}

/**
 * A step of characters reaching the page: held keys typed late, or a key let
 * through. `from` is the sequence number of its first key; the caller
 * remembers the field as it was just before the step, under that number
 * (see `takeBackFrom`).
 */
export interface TypingStep {
	from: number;
	/** Held characters to type now; '' for a key let through, which types itself. */
	release: string;
}

/** What the caller does with one key. */
export interface KeyVerdict {
	/** This key's sequence number. */
	seq: number;
	/** Characters reaching the page with this key, in order (the last may be the key itself). */
	typing: TypingStep[];
	/** True when this key must not reach the page (no typing, no Enter). */
	swallow: boolean;
	scan: WedgeScan | null;
	/**
	 * With a scan: put the field back as it was before the characters of
	 * this typing step (`TypingStep.from`), because from there on they were the
	 * scan's. Null when none of the scan reached the page.
	 */
	takeBackFrom: number | null;
}

const MODIFIERS = new Set([
	'Shift',
	'Control',
	'Alt',
	'AltGraph',
	'Meta',
	'CapsLock',
	'NumLock',
	'ScrollLock',
	'Fn',
	'FnLock',
	'Hyper',
	'Super',
	'Symbol',
	'SymbolLock'
]);

/** Longer than any code Unitrack takes: beyond it a "burst" is a held-down key or a macro. */
const MAX_KEYS = 512;
/**
 * A pause this many times the key gap (a second, by default) ends any scan:
 * the next key starts afresh. Inside a scan single late keys of 100–300 ms
 * were measured on a busy machine.
 */
const PAUSE_FACTOR = 25;

interface KeyRecord {
	key: string;
	at: number;
	seq: number;
	/** The typing step in which it reached the page; null while held or when swallowed for good. */
	step: number | null;
}

/** A gap between keys: a scanner's pace, a person's, or in between (a busy machine, a quick pair). */
export type GapKind = 'fast' | 'between' | 'slow';

/**
 * Where the scan starts among keys with these gaps (`gaps[i]` is the gap
 * before key i + 1; the last is the terminator's): the split that leaves the
 * most slow gaps before it and the most fast ones after, the earliest on a
 * tie. So typing just before a scan stays typing, while an odd late key
 * inside a scan — or the slower Shift-held capitals at its start — stay in.
 * A split must beat "all of it is the scan" by two: a scan whose first keys
 * came late must not lose them, so it takes a few keys typed at a person's
 * pace to show that the start was typing.
 */
export function scanStart(gaps: readonly GapKind[]): number {
	let fastAfter = gaps.filter((g) => g === 'fast').length;
	let slowBefore = 0;
	let best = 0;
	let bestScore = fastAfter + 1;
	for (let s = 1; s < gaps.length; s++) {
		// Moving the start from key s-1 to key s: the gap before key s-1 joins
		// the "before" side, the gap before key s becomes the boundary.
		if (s >= 2 && gaps[s - 2] === 'slow') slowBefore++;
		if (gaps[s - 1] === 'fast') fastAfter--;
		const score = slowBefore + fastAfter;
		if (score > bestScore) {
			bestScore = score;
			best = s;
		}
	}
	return best;
}

export class WedgeDetector {
	/** Character keys since the last break (a terminator, another key, a long pause). */
	private keys: KeyRecord[] = [];
	/** Index in `keys` of the first held key; held keys are always the tail. */
	private heldFrom = 0;
	private seq = 0;
	/** When the last scan ended: a key right after it belongs to the next scan. */
	private scanEndedAt = -Infinity;

	/**
	 * @param settings read on every key, so a change applies at once
	 * @param clock the time of a key when the caller gives none (injected for tests)
	 */
	constructor(
		private readonly settings: () => WedgeSettings,
		private readonly clock: () => number = () => performance.now()
	) {}

	/** True while characters are held back. */
	get holding(): boolean {
		return this.heldFrom < this.keys.length;
	}

	/** When held characters are due to be typed if no key comes first (see `expire`); null when none are held. */
	get deadline(): number | null {
		if (!this.holding) return null;
		return (this.keys.at(-1)?.at ?? 0) + this.settings().maxKeyGapMs;
	}

	/** The oldest sequence number a later `takeBackFrom` can name: older field snapshots can go. */
	get oldestLiveSeq(): number {
		return this.keys[0]?.seq ?? this.seq;
	}

	/**
	 * One keydown. `key` is KeyboardEvent.key; `plain` is false for a key
	 * pressed with Control, Alt or Meta, or an auto-repeat: those are never
	 * part of a scan.
	 */
	key(key: string, at: number = this.clock(), plain = true): KeyVerdict {
		const seq = ++this.seq;
		const verdict: KeyVerdict = { seq, typing: [], swallow: false, scan: null, takeBackFrom: null };
		if (MODIFIERS.has(key)) return verdict;
		const settings = this.settings();
		const type = (step: TypingStep | null) => step && verdict.typing.push(step);
		const last = this.keys.at(-1);
		if (last && at - last.at > settings.maxKeyGapMs * PAUSE_FACTOR) {
			type(this.releaseHeld());
			this.keys = [];
			this.heldFrom = 0;
		}
		const isTerminator =
			(key === 'Enter' && settings.endWithEnter) || (key === 'Tab' && settings.endWithTab);

		if (plain && isTerminator && this.keys.length > 0) {
			const scan = this.recognise(at, settings);
			if (scan) {
				verdict.swallow = true;
				verdict.scan = scan.scan;
				verdict.takeBackFrom = scan.takeBackFrom;
				this.scanEndedAt = at;
			} else {
				type(this.releaseHeld());
				this.scanEndedAt = -Infinity;
			}
			this.keys = [];
			this.heldFrom = 0;
			return verdict;
		}

		if (plain && isCharacter(key)) {
			if (this.keys.length >= MAX_KEYS) {
				type(this.releaseHeld());
				this.keys = [];
				this.heldFrom = 0;
			}
			const previous = this.keys.at(-1)?.at ?? this.scanEndedAt;
			const record: KeyRecord = { key, at, seq, step: null };
			this.keys.push(record);
			if (at - previous <= settings.maxKeyGapMs) {
				// Fast: perhaps a scan. Held until the burst shows what it is.
				verdict.swallow = true;
			} else {
				// Slow: typing, as far as anyone can tell yet. Held keys go first.
				type(this.releaseHeld(this.keys.length - 1));
				type({ from: seq, release: '' });
				record.step = seq;
				this.heldFrom = this.keys.length;
			}
			return verdict;
		}

		// Any other key (Backspace, arrows, a shortcut, a repeat) ends a burst as typing.
		type(this.releaseHeld());
		this.keys = [];
		this.heldFrom = 0;
		this.scanEndedAt = -Infinity;
		return verdict;
	}

	/**
	 * Call when `deadline` has passed with no key: the held characters to
	 * type now, or null when none are due.
	 */
	expire(now: number = this.clock()): TypingStep | null {
		const last = this.keys.at(-1);
		if (!last || !this.holding || now - last.at <= this.settings().maxKeyGapMs) return null;
		return this.releaseHeld();
	}

	/** Forgets everything (focus left the page); held characters are dropped. */
	reset(): void {
		this.keys = [];
		this.heldFrom = 0;
		this.scanEndedAt = -Infinity;
	}

	/** Marks held keys (up to `end`) as typed now and returns them; null when none are held. */
	private releaseHeld(end = this.keys.length): TypingStep | null {
		const held = this.keys.slice(this.heldFrom, end);
		const first = held[0];
		if (!first) return null;
		for (const k of held) k.step = first.seq;
		this.heldFrom = end;
		return { from: first.seq, release: held.map((k) => (k.key === GS ? '' : k.key)).join('') };
	}

	/**
	 * Decides whether the keys so far, ended by a terminator at `at`, hold a
	 * scan: from `scanStart` on, at least `minLength` characters once
	 * stripped, more than half of the gaps (terminator's included) within
	 * `maxKeyGapMs` and none longer than PAUSE_FACTOR times it. A majority
	 * rather than every gap: a busy page or a Bluetooth link delivers an
	 * occasional key late, while a person never types most keys that fast.
	 */
	private recognise(
		at: number,
		settings: WedgeSettings
	): { scan: WedgeScan; takeBackFrom: number | null } | null {
		const times = [...this.keys.map((k) => k.at), at];
		const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
		const limit = settings.maxKeyGapMs;
		// Slow is a person's pace: twice the limit (80 ms at the default).
		const start = scanStart(
			gaps.map((g) => (g <= limit ? 'fast' : g > 2 * limit ? 'slow' : 'between'))
		);
		const keys = this.keys.slice(start);
		const scanGaps = gaps.slice(start);
		const fast = scanGaps.filter((g) => g <= limit).length;
		if (fast * 2 <= scanGaps.length || scanGaps.some((g) => g > limit * PAUSE_FACTOR)) return null;
		const raw = keys.map((k) => k.key).join('');
		const code = strip(raw, settings);
		if (code.length < settings.minLength) return null;
		const steps = keys.map((k) => k.step).filter((s): s is number => s !== null);
		return {
			scan: { code, raw, startedAt: keys[0]?.at ?? at, endedAt: at, gaps: scanGaps },
			takeBackFrom: steps.length > 0 ? Math.min(...steps) : null
		};
	}
}

/** GS1's group separator (FNC1), ASCII 29. */
export const GS = '\u001d';

/** One printable character: 'a', 'A', '-', 'é' (not 'Enter', 'ArrowLeft', 'Dead' or 'Unidentified'); or GS. */
function isCharacter(key: string): boolean {
	if (key === GS) return true;
	if (key.length === 1) return key.charCodeAt(0) >= 0x20 && key !== '\u007f';
	// A character outside the BMP is two UTF-16 units.
	return key.length === 2 && (key.codePointAt(0) ?? 0) > 0xffff;
}

function strip(raw: string, { prefix, suffix, groupSeparator }: WedgeSettings): string {
	let code = raw;
	if (prefix && code.startsWith(prefix)) code = code.slice(prefix.length);
	if (suffix && code.endsWith(suffix)) code = code.slice(0, code.length - suffix.length);
	return groupSeparator ? withGroupSeparators(code, groupSeparator) : code;
}

const GS1_IDS = /^\](C1|d2|Q3|e0|J1)/;

/**
 * A GS1 code typed with `separator` for GS, with GS put back: only in a code
 * that starts with a GS1 symbology identifier or with the separator (FNC1
 * first), so a plain serial holding that character is left alone.
 */
export function withGroupSeparators(code: string, separator: string): string {
	if (!GS1_IDS.test(code) && !code.startsWith(separator)) return code;
	return code.split(separator).join(GS);
}
