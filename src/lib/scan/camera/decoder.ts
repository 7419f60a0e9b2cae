/**
 * One contract for turning a camera frame into a code (DESIGN.md, Scanning),
 * with two implementations that load only when a camera first opens:
 * `zxing` (@zxing/browser, pure JavaScript) and `detector` (the
 * BarcodeDetector API: native where the browser has it, else the
 * `barcode-detector` polyfill on zxing-wasm, its .wasm served from our own
 * origin). Both are always told the formats to look for, and both pass
 * their results through `acceptDecoded`: an empty or malformed result is
 * never a scan.
 */
import type { ScanFormat } from '../types';

/** What a decoder can read a frame from. */
export type FrameSource = ImageBitmap | HTMLVideoElement | ImageData | HTMLCanvasElement;

export interface Decoded {
	code: string;
	format: ScanFormat;
}

export interface FrameDecoder {
	/** For the scanner test page and the bench, e.g. "zxing" or "detector (zxing-wasm)". */
	readonly label: string;
	/** The code in the frame, or null when there is none (or none that is well formed). */
	decode(source: FrameSource): Promise<Decoded | null>;
	dispose(): void;
}

export { DEFAULT_DECODER, type DecoderKind } from './decoder-choice';

/** What a shop's labels and suppliers' boxes carry (DESIGN.md); nothing else is looked for. */
export type CameraFormat = Exclude<ScanFormat, 'unknown'>;
export const CAMERA_FORMATS: readonly CameraFormat[] = [
	'code128',
	'code39',
	'ean13',
	'upca',
	'qr',
	'datamatrix'
];

// C0 and C1 controls, DEL, the replacement character (a byte that was not
// text), and lone surrogates (half a character). GS (U+001D) is not among
// them: it is how a GS1 code's FNC1 separators reach us (gs1.ts).
const MALFORMED =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u001c\u001e\u001f\u007f-\u009f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The result as a scan, or null when it is empty, blank or not clean text (GS1's GS separators allowed). */
export function acceptDecoded(code: string | null | undefined, format: ScanFormat): Decoded | null {
	if (typeof code !== 'string' || code.trim() === '') return null;
	if (MALFORMED.test(code)) return null;
	return { code, format };
}
