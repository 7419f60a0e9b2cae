/**
 * Which camera decoder to use. Its own tiny module: the scanner settings
 * (loaded by every screen) need the default, not the decoders.
 */
export type DecoderKind = 'zxing' | 'detector';

/**
 * The default: `detector` (BarcodeDetector; on desktop Chromium the
 * zxing-wasm polyfill), measured against `zxing` (@zxing/browser) on the
 * same fake-camera videos (bench/camera.js, bench/camera-ladder.js; figures
 * and reasons in bench/README.md, "Camera decoders", 2026-11-26):
 * - a frame with no code, most frames while aiming: 7.0–10.4 ms against
 *   166–351 ms (zxing blocks the page for that long on every such frame);
 * - camera open to first scan: clean 66.7 ms against 67.4–84.7 ms, blurred
 *   and noisy 70.7–85.9 ms against 79.6–98.7 ms;
 * - read at all, of 17 ever worse videos: 14 against 12; every noisy one
 *   (zxing: none of them), while zxing reads the two most blurred linear
 *   codes that the detector misses.
 */
export const DEFAULT_DECODER: DecoderKind = 'detector';
