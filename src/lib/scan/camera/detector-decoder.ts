/**
 * The BarcodeDetector decoder (Shape Detection API). Native where the
 * browser has it with every format we need (Android, ChromeOS, macOS);
 * elsewhere ZXing-C++ compiled to WebAssembly (zxing-wasm) behind the same
 * small detect() shape. Its .wasm is bundled as one of our own assets
 * (Vite's `?url`) and the service worker precaches it, so scanning works
 * offline and never asks a CDN (the package's default).
 *
 * zxing-wasm is called directly rather than through the `barcode-detector`
 * ponyfill: a GS1 code's FNC1 in first position is not text, and only the
 * symbology identifier says the code is GS1 (]d2, ]Q3, ]C1), which the
 * BarcodeDetector shape has no field for. The text keeps its GS separators
 * (textMode Plain) and a GS1 code gets its identifier in front, as a
 * scanner that transmits AIM identifiers sends it (gs1.ts reads both).
 * The native detector has no such field either: there a GS1 code is known
 * by the GS separators inside it (or as a Digital Link).
 */
import type {
	BarcodeDetector as DetectorClass,
	BarcodeFormat as DetectorFormat
} from 'barcode-detector/ponyfill';
import type { ReadResult, ReaderOptions } from 'zxing-wasm/reader';
import type { ScanFormat } from '../types';
import {
	acceptDecoded,
	type CameraFormat,
	type Decoded,
	type FrameDecoder,
	type FrameSource
} from './decoder';
import { FrameGrabber } from './frame-grabber';

/** What a detector found: the BarcodeDetector result, as much of it as we use. */
interface Found {
	rawValue: string;
	format: string;
	boundingBox: { x: number; y: number; width: number; height: number };
}
interface Detector {
	detect(image: ImageBitmapSource): Promise<Found[]>;
}
type DetectorConstructor = typeof DetectorClass;

type WasmFormat = NonNullable<ReaderOptions['formats']>[number];
const TO_WASM: Record<CameraFormat, WasmFormat> = {
	code128: 'Code128',
	code39: 'Code39',
	ean13: 'EAN13',
	upca: 'UPCA',
	qr: 'QRCode',
	datamatrix: 'DataMatrix'
};

const TO_DETECTOR: Record<CameraFormat, DetectorFormat> = {
	code128: 'code_128',
	code39: 'code_39',
	ean13: 'ean_13',
	upca: 'upc_a',
	qr: 'qr_code',
	datamatrix: 'data_matrix'
};

const FROM_DETECTOR = new Map<string, ScanFormat>(
	Object.entries(TO_DETECTOR).map(([ours, theirs]) => [theirs, ours as ScanFormat])
);

export async function createDetectorDecoder(
	formats: readonly CameraFormat[]
): Promise<FrameDecoder> {
	const wanted = formats.map((f) => TO_DETECTOR[f]);
	const native = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
	if (native && (await supportsAll(native, wanted))) {
		return new DetectorDecoder(
			new native({ formats: wanted }),
			'detector (native)',
			false,
			formats
		);
	}
	const [{ readBarcodes, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
		import('zxing-wasm/reader'),
		import('zxing-wasm/reader/zxing_reader.wasm?url')
	]);
	// Instantiate now, so that a missing or broken .wasm shows when the camera
	// opens, and the first frame does not wait for it.
	await prepareZXingModule({
		overrides: {
			locateFile: (path: string, prefix: string) =>
				path.endsWith('.wasm') ? wasmUrl : prefix + path
		},
		fireImmediately: true
	});
	const options: ReaderOptions = { formats: formats.map((f) => TO_WASM[f]), textMode: 'Plain' };
	const wasm: Detector = {
		async detect(image) {
			return (await readBarcodes(image as ImageData, options)).flatMap(foundOf);
		}
	};
	return new DetectorDecoder(wasm, 'detector (zxing-wasm)', true, formats);
}

/** A zxing-wasm result in the BarcodeDetector's shape, with GS1's identifier kept. */
export function foundOf(result: ReadResult): Found[] {
	const format = wasmFormatOf(result);
	if (!format) return [];
	const { topLeft, topRight, bottomLeft, bottomRight } = result.position;
	const xs = [topLeft.x, topRight.x, bottomLeft.x, bottomRight.x];
	const ys = [topLeft.y, topRight.y, bottomLeft.y, bottomRight.y];
	const x = Math.min(...xs);
	const y = Math.min(...ys);
	const gs1 = result.contentType === 'GS1' && /^\][A-Za-z]\d$/.test(result.symbologyIdentifier);
	return [
		{
			rawValue: gs1 ? `${result.symbologyIdentifier}${result.text}` : result.text,
			format: TO_DETECTOR[format],
			boundingBox: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }
		}
	];
}

function wasmFormatOf(result: Pick<ReadResult, 'format' | 'symbology'>): CameraFormat | null {
	if (result.format === 'EAN13') return 'ean13';
	if (result.format === 'UPCA') return 'upca';
	const symbology: string = result.symbology;
	const found = (Object.keys(TO_WASM) as CameraFormat[]).find((f) => TO_WASM[f] === symbology);
	return found && found !== 'ean13' && found !== 'upca' ? found : null;
}

async function supportsAll(
	native: DetectorConstructor,
	wanted: DetectorFormat[]
): Promise<boolean> {
	try {
		const supported = new Set<string>(await native.getSupportedFormats());
		return wanted.every((f) => supported.has(f));
	} catch {
		return false;
	}
}

class DetectorDecoder implements FrameDecoder {
	private readonly grabber = new FrameGrabber();
	private readonly expected: ReadonlySet<ScanFormat>;

	constructor(
		private detector: Detector | null,
		readonly label: string,
		/** The wasm reads pixels: hand it ImageData from our reused canvas rather than let it make a canvas per frame. */
		private readonly wantsPixels: boolean,
		formats: readonly CameraFormat[]
	) {
		this.expected = new Set(formats);
	}

	async decode(source: FrameSource): Promise<Decoded | null> {
		if (!this.detector) return null;
		const input = this.wantsPixels ? this.grabber.imageDataOf(source) : source;
		if (!input) return null;
		const found = await this.detector.detect(input);
		const { width, height } = input instanceof HTMLVideoElement ? videoSize(input) : input;
		for (const barcode of nearestFirst(found, width / 2, height / 2)) {
			const format = FROM_DETECTOR.get(barcode.format);
			if (!format || !this.expected.has(format)) continue;
			const decoded = acceptDecoded(barcode.rawValue, format);
			if (decoded) return decoded;
		}
		return null;
	}

	dispose(): void {
		this.detector = null;
		this.grabber.dispose();
	}
}

function videoSize(video: HTMLVideoElement): { width: number; height: number } {
	return { width: video.videoWidth, height: video.videoHeight };
}

/** With several codes in view, the one nearest the aiming area (the centre) is the one meant. */
function nearestFirst(found: Found[], cx: number, cy: number): Found[] {
	const distance = (b: Found) =>
		Math.hypot(
			b.boundingBox.x + b.boundingBox.width / 2 - cx,
			b.boundingBox.y + b.boundingBox.height / 2 - cy
		);
	return found.length < 2 ? found : [...found].sort((a, b) => distance(a) - distance(b));
}
