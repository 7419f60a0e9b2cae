/**
 * Which camera decoder to use. Its own tiny module: the scanner settings
 * (loaded by every screen) need the default, not the decoders.
 */
export type DecoderKind = 'zxing' | 'detector';

/**
 * The default: `detector` (BarcodeDetector; on desktop Chromium the
 * zxing-wasm), measured against `zxing` (@zxing/browser) on the
 * same fake-camera videos (bench/camera.js, bench/camera-ladder.js; figures
 * and reasons in bench/README.md, "Camera decoders", 2026-11-26):
 * - a frame with no code, most frames while aiming: 7.6–9.0 ms against
 *   181–234 ms, for which zxing blocks the page every frame;
 * - camera open to first scan, median of 5 opens: clean 77–103 ms against
 *   61–181 ms (zxing a little quicker warm, slower cold), blurred and noisy
 *   84–88 ms against 116–336 ms;
 * - read at all, of 17 ever worse videos: 14 against 12, every noisy one
 *   among them (zxing: none of those); zxing reads the two most blurred
 *   linear codes, which the detector misses.
 */
//
// Confirmed on the photographed-like set (issue 11, bench/README.md): with
// zbar beside each, 68–71 of 80 pictures read against 37–48 for zxing, first
// reads a third as long, no wrong read and no false positive for either.
export const DEFAULT_DECODER: DecoderKind = 'detector';
