/**
 * When a decoder's read may become a scan (a wrong serial is worse than
 * none). 2-D codes (QR, Data Matrix) carry Reed–Solomon error correction:
 * one frame is enough. Linear codes are weaker, and on our test pictures
 * (bench/README.md, issue 11) decoders misread them the same way frame
 * after frame, so a second frame is no proof on its own:
 * - Code 128 (and Code 39): the chosen decoder must read it in two
 *   different camera frames within CONFIRM_WINDOW_MS. Code 128's mod-103
 *   check character catches any single wrong symbol, and ZXing already
 *   wants two agreeing scan lines; the second frame guards against noise.
 * - EAN-13 and UPC-A: one mod-10 check digit, which a misread passes one
 *   time in ten. zxing-js read a look-alike EAN-13 whose check digit was
 *   wrong as another, valid, code, frame after frame; zbar read a blurred
 *   EAN-13 as a wrong UPC-A in seven frames running. So their reads count
 *   only when the other decoder read the same code within the window (in
 *   one frame or two). zxing-wasm (ZXing-C++, two agreeing scan lines per
 *   frame) misread none in any of our runs: its own second frame will do,
 *   as for Code 128 (`retailAlone`). The native BarcodeDetector, not
 *   measured here, is held to zbar's word like zxing-js. Where zbar is not
 *   running (it could not load), the chosen decoder alone, in two frames.
 */
import { isMatrixFormat, type Decoded, type FrameDecoder } from './decoder';

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

	/**
	 * Records that camera frame `frame` read `read` at `now` (ms); true when
	 * it may be a scan. `decoder`: what is looking at the frames.
	 */
	isSure(
		read: Decoded,
		frame: number,
		now: number,
		decoder: Pick<FrameDecoder, 'readers' | 'retailAlone'> = {}
	): boolean {
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
		const retail = read.format === 'ean13' || read.format === 'upca';
		const withZbar = decoder.readers?.includes('zbar') === true;
		if (retail && withZbar && s.byZbar && s.primaryFrame !== null) return true;
		if (retail && withZbar && !decoder.retailAlone) return false;
		return s.primaryTwice;
	}

	reset(): void {
		this.seen.clear();
	}
}
