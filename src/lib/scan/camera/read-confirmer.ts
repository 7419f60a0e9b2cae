/**
 * When a decoder's read may become a scan (a wrong serial is worse than
 * none). 2-D codes (QR, Data Matrix) carry Reed–Solomon error correction:
 * one frame is enough. A linear code's checks are weaker — one check digit
 * (EAN-13, UPC-A: a misread passes it one time in ten), a mod-103 character
 * (Code 128), none at all (Code 39) — and on a noisy or blurred frame
 * decoders do misread them (our test pictures: zxing-js on a dim EAN-13,
 * zxing-wasm's downscaled pass on a sharp UPC-A). So a linear code is a scan
 * once, within CONFIRM_WINDOW_MS, either the chosen decoder has read it in
 * two different camera frames (fresh sensor noise makes the same misread
 * twice unlikely), or it and zbar have both read it.
 *
 * zbar alone is never enough: on a blurred, tilted EAN-13 it read the same
 * wrong UPC-A, check digit and all, in seven frames running, from the
 * aiming area and from the whole frame (bench/README.md, issue 11), so no
 * number of its own frames makes its read sure.
 */
import { isMatrixFormat, type Decoded } from './decoder';

export const CONFIRM_WINDOW_MS = 1000;

interface Sighting {
	/** The last frame in which the chosen decoder read it (null: it has not). */
	primaryFrame: number | null;
	primaryTwice: boolean;
	byZbar: boolean;
	at: number;
}

export class ReadConfirmer {
	private readonly seen = new Map<string, Sighting>();

	constructor(private readonly windowMs = CONFIRM_WINDOW_MS) {}

	/** Records that camera frame `frame` read `read` at `now` (ms); true when it may be a scan. */
	isSure(read: Decoded, frame: number, now: number): boolean {
		if (isMatrixFormat(read.format)) return true;
		for (const [key, last] of this.seen) if (now - last.at > this.windowMs) this.seen.delete(key);
		const key = `${read.format}\u0000${read.code}`;
		const s = this.seen.get(key) ?? {
			primaryFrame: null,
			primaryTwice: false,
			byZbar: false,
			at: now
		};
		const readers = read.readers ?? ['primary'];
		if (readers.includes('primary')) {
			if (s.primaryFrame !== null && s.primaryFrame !== frame) s.primaryTwice = true;
			s.primaryFrame = frame;
		}
		if (readers.includes('zbar')) s.byZbar = true;
		s.at = now;
		this.seen.set(key, s);
		return s.primaryTwice || (s.byZbar && s.primaryFrame !== null);
	}

	reset(): void {
		this.seen.clear();
	}
}
