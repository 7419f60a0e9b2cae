/**
 * One contract for turning a camera frame into a code (DESIGN.md, Scanning),
 * with two primary implementations that load only when a camera first
 * opens: `zxing` (@zxing/browser, pure JavaScript) and `detector` (the
 * BarcodeDetector API where the browser has it, else ZXing-C++ as
 * WebAssembly, zxing-wasm, its .wasm served from our own origin). Either
 * runs with zbar (zbar-decoder.ts) beside it for EAN-13 and UPC-A
 * (ensemble-decoder.ts). All are always told the formats to look for, and
 * all pass their results through `acceptDecoded`: an empty, malformed or
 * mis-checked result is never a scan.
 */
import type { ScanFormat } from '../types';

/** What a decoder can read a frame from. */
export type FrameSource = ImageBitmap | HTMLVideoElement | ImageData | HTMLCanvasElement;

export interface Decoded {
	code: string;
	format: ScanFormat;
	/**
	 * Which decoders read it in this frame (ensemble-decoder.ts): the one the
	 * settings chose, zbar beside it, or both. Absent: the chosen one alone.
	 */
	readers?: readonly Reader[];
}

export type Reader = 'primary' | 'zbar';

export interface FrameDecoder {
	/** For the scanner test page and the bench, e.g. "zxing" or "detector (zxing-wasm) + zbar". */
	readonly label: string;
	/**
	 * The code in the frame, or null when there is none (or none that is well
	 * formed). With several codes in view, the one nearest the frame's centre.
	 */
	decode(source: FrameSource): Promise<Decoded | null>;
	/** The decoders it runs, when it is an ensemble (ensemble-decoder.ts); absent: one. */
	readonly readers?: readonly Reader[];
	/**
	 * Whether its EAN-13 and UPC-A reads may be confirmed by its own second
	 * frame, without zbar's (read-confirmer.ts): only a decoder that never
	 * misread one on our test pictures.
	 */
	readonly retailAlone?: boolean;
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

/**
 * The result as a scan, or null when it is empty, blank, not clean text
 * (GS1's GS separators allowed), or fails its symbology's check.
 */
export function acceptDecoded(code: string | null | undefined, format: ScanFormat): Decoded | null {
	if (typeof code !== 'string' || code.trim() === '') return null;
	if (MALFORMED.test(code)) return null;
	if (format === 'ean13' || format === 'upca') return retailCode(code, format);
	return { code, format };
}

/**
 * EAN-13 and UPC-A: all digits, the right length, the GS1 mod-10 check
 * digit right. An EAN-13 that starts with 0 is a UPC-A (GS1 General
 * Specifications 2.1.4): reported as its 12 digits, whichever decoder read it.
 */
function retailCode(code: string, format: 'ean13' | 'upca'): Decoded | null {
	const digits =
		format === 'ean13' && code.length === 13 && code.startsWith('0') ? code.slice(1) : code;
	const length = digits.length;
	if (!/^\d+$/.test(digits) || (length !== 12 && length !== 13)) return null;
	if (format === 'upca' && length !== 12) return null;
	if (!hasGs1CheckDigit(digits)) return null;
	return { code: digits, format: length === 12 ? 'upca' : 'ean13' };
}

/** The last digit is the GS1 mod-10 check digit of the others (weights 3, 1, 3, ... from the right). */
export function hasGs1CheckDigit(digits: string): boolean {
	let sum = 0;
	for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
		sum += Number(digits[i]) * weight;
	}
	return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/** 2-D codes carry Reed–Solomon error correction: a wrong read is all but impossible. */
export function isMatrixFormat(format: ScanFormat): boolean {
	return format === 'qr' || format === 'datamatrix';
}
