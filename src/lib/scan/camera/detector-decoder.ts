/**
 * The `detector` decoder: the browser's BarcodeDetector (Shape Detection
 * API) where it has every format we need (Android, ChromeOS, macOS);
 * elsewhere ZXing-C++ compiled to WebAssembly (zxing-wasm), called directly.
 * (The `barcode-detector` ponyfill around the same WebAssembly hid its
 * reader options and pinned an older zxing-wasm; bench/README.md.) The
 * .wasm is bundled as one of our own assets (Vite's `?url`) and the service
 * worker precaches it, so scanning works offline and never asks a CDN (the
 * package's default).
 *
 * A GS1 code's FNC1 in first position is not text: only the symbology
 * identifier (]d2, ]Q3, ]C1) says the code is GS1. The reader gives the text
 * with its GS separators (textMode Plain) and a GS1 code gets its
 * identifier in front, as a scanner that transmits AIM identifiers sends it
 * (gs1.ts reads both). The native detector has no such field: there a GS1
 * code is known by the GS separators inside it (or as a Digital Link).
 */
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import type { ScanFormat } from '../types';
import {
	acceptDecoded,
	type CameraFormat,
	type Decoded,
	type FrameDecoder,
	type FrameSource
} from './decoder';
import { FrameGrabber, sizeOf } from './frame-grabber';

/** The Shape Detection API, which TypeScript's DOM library does not have yet. */
interface NativeBarcode {
	rawValue: string;
	format: string;
	boundingBox: DOMRectReadOnly;
}
interface NativeDetector {
	detect(source: ImageBitmapSource): Promise<NativeBarcode[]>;
}
interface NativeDetectorConstructor {
	new (options: { formats: string[] }): NativeDetector;
	getSupportedFormats(): Promise<string[]>;
}

const TO_NATIVE: Record<CameraFormat, string> = {
	code128: 'code_128',
	code39: 'code_39',
	ean13: 'ean_13',
	upca: 'upc_a',
	qr: 'qr_code',
	datamatrix: 'data_matrix'
};
const FROM_NATIVE = new Map<string, ScanFormat>(
	Object.entries(TO_NATIVE).map(([ours, theirs]) => [theirs, ours as ScanFormat])
);

const TO_WASM = {
	code128: 'Code128',
	code39: 'Code39',
	ean13: 'EAN13',
	upca: 'UPCA',
	qr: 'QRCode',
	datamatrix: 'DataMatrix'
} as const satisfies Record<CameraFormat, string>;

/**
 * ZXing-C++'s reader, set as the ponyfill had it (tryHarder, tryRotate,
 * tryInvert, tryDownscale above 500 px, two scan lines must agree on a
 * linear code) but told to stop at a few symbols. Its downscaled pass and a
 * single agreeing scan line both misread sharp and dim EAN/UPC labels in
 * our test pictures, so neither is loosened.
 */
const READER_OPTIONS: ReaderOptions = {
	tryHarder: true,
	tryRotate: true,
	tryInvert: true,
	tryDownscale: true,
	minLineCount: 2,
	maxNumberOfSymbols: 4,
	textMode: 'Plain'
};

export async function createDetectorDecoder(
	formats: readonly CameraFormat[]
): Promise<FrameDecoder> {
	const native = (globalThis as { BarcodeDetector?: NativeDetectorConstructor }).BarcodeDetector;
	const wanted = formats.map((f) => TO_NATIVE[f]);
	if (native && (await supportsAll(native, wanted))) {
		return new NativeDetectorDecoder(new native({ formats: wanted }), formats);
	}
	return new WasmDecoder(await wasmReader(), formats);
}

/** Where the browser has no BarcodeDetector, the WebAssembly starts loading now. */
export function preloadDetector(): void {
	if (!('BarcodeDetector' in globalThis)) wasmReader().catch(() => undefined);
}

let reader: Promise<ReadBarcodes> | null = null;

/**
 * zxing-wasm's reader, instantiated once per page: every later camera open
 * reuses it (asked again with new options, zxing-wasm would instantiate the
 * module again). Instantiated before the first frame, so that a missing or
 * broken .wasm shows when the camera opens; a failure is tried again next time.
 */
function wasmReader(): Promise<ReadBarcodes> {
	reader ??= (async () => {
		const [zxing, { default: wasmUrl }] = await Promise.all([
			import('zxing-wasm/reader'),
			import('zxing-wasm/reader/zxing_reader.wasm?url')
		]);
		await zxing.prepareZXingModule({
			overrides: {
				locateFile: (path: string, prefix: string) =>
					path.endsWith('.wasm') ? wasmUrl : prefix + path
			},
			fireImmediately: true
		});
		return zxing.readBarcodes;
	})();
	reader.catch(() => (reader = null));
	return reader;
}

async function supportsAll(native: NativeDetectorConstructor, wanted: string[]): Promise<boolean> {
	try {
		const supported = new Set(await native.getSupportedFormats());
		return wanted.every((f) => supported.has(f));
	} catch {
		return false;
	}
}

type ReadBarcodes = (input: ImageData, options: ReaderOptions) => Promise<ReadResult[]>;

class WasmDecoder implements FrameDecoder {
	readonly label = 'detector (zxing-wasm)';
	// Two agreeing scan lines (minLineCount) in each of two frames: no misread in our test runs.
	readonly retailAlone = true;
	private readonly grabber = new FrameGrabber();
	private readonly options: ReaderOptions;
	private readonly expected: ReadonlySet<ScanFormat>;

	constructor(
		private readBarcodes: ReadBarcodes | null,
		formats: readonly CameraFormat[]
	) {
		this.options = { ...READER_OPTIONS, formats: formats.map((f) => TO_WASM[f]) };
		this.expected = new Set(formats);
	}

	async decode(source: FrameSource): Promise<Decoded | null> {
		const pixels = this.readBarcodes && this.grabber.imageDataOf(source);
		if (!pixels || !this.readBarcodes) return null;
		const found = await this.readBarcodes(pixels, this.options);
		const centre = (r: ReadResult) => {
			const { topLeft, bottomRight } = r.position;
			return { x: (topLeft.x + bottomRight.x) / 2, y: (topLeft.y + bottomRight.y) / 2 };
		};
		return nearestAccepted(
			found.filter((r) => r.isValid),
			(r) => ({ code: textOf(r), format: fromWasm(r), centre: centre(r) }),
			pixels,
			this.expected
		);
	}

	dispose(): void {
		this.readBarcodes = null;
		this.grabber.dispose();
	}
}

/** The code's text; a GS1 code's with its symbology identifier in front. */
export function textOf(
	result: Pick<ReadResult, 'text' | 'contentType' | 'symbologyIdentifier'>
): string {
	const gs1 = result.contentType === 'GS1' && /^\][A-Za-z]\d$/.test(result.symbologyIdentifier);
	return gs1 ? `${result.symbologyIdentifier}${result.text}` : result.text;
}

/** zxing-wasm names variants (Code39Std, QRCodeModel2, ...): the symbology says which of ours it is. */
function fromWasm(result: ReadResult): ScanFormat {
	if (result.format === 'UPCA') return 'upca';
	if (result.format === 'EAN13') return 'ean13';
	switch (result.symbology) {
		case 'Code128':
			return 'code128';
		case 'Code39':
			return 'code39';
		case 'QRCode':
			return result.format === 'QRCode' || result.format === 'QRCodeModel2' ? 'qr' : 'unknown';
		case 'DataMatrix':
			return 'datamatrix';
		default:
			return 'unknown';
	}
}

class NativeDetectorDecoder implements FrameDecoder {
	readonly label = 'detector (native)';
	private detector: NativeDetector | null;
	private readonly expected: ReadonlySet<ScanFormat>;

	constructor(detector: NativeDetector, formats: readonly CameraFormat[]) {
		this.detector = detector;
		this.expected = new Set(formats);
	}

	async decode(source: FrameSource): Promise<Decoded | null> {
		if (!this.detector) return null;
		const found = await this.detector.detect(source);
		return nearestAccepted(
			found,
			(b) => ({
				code: b.rawValue,
				format: FROM_NATIVE.get(b.format) ?? 'unknown',
				centre: {
					x: b.boundingBox.x + b.boundingBox.width / 2,
					y: b.boundingBox.y + b.boundingBox.height / 2
				}
			}),
			sizeOf(source),
			this.expected
		);
	}

	dispose(): void {
		this.detector = null;
	}
}

/** With several codes in view, the one nearest the centre (the aiming area) is the one meant. */
function nearestAccepted<T>(
	found: T[],
	describe: (item: T) => { code: string; format: ScanFormat; centre: { x: number; y: number } },
	frame: { width: number; height: number },
	expected: ReadonlySet<ScanFormat>
): Decoded | null {
	const distance = (c: { x: number; y: number }) =>
		Math.hypot(c.x - frame.width / 2, c.y - frame.height / 2);
	const candidates = found
		.map(describe)
		.filter((d) => expected.has(d.format))
		.sort((a, b) => distance(a.centre) - distance(b.centre));
	for (const { code, format } of candidates) {
		const decoded = acceptDecoded(code, format);
		if (decoded) return decoded;
	}
	return null;
}
