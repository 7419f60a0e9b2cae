/**
 * The BarcodeDetector decoder (Shape Detection API). Native where the
 * browser has it with every format we need (Android, ChromeOS, macOS);
 * elsewhere the `barcode-detector` ponyfill, which runs ZXing-C++ compiled to
 * WebAssembly. Its .wasm is bundled as one of our own assets (Vite's `?url`)
 * and the service worker precaches it, so scanning works offline and never
 * asks a CDN (the package's default).
 */
import type {
	BarcodeDetector as DetectorClass,
	BarcodeFormat as DetectorFormat,
	DetectedBarcode
} from 'barcode-detector/ponyfill';
import type { ScanFormat } from '../types';
import {
	acceptDecoded,
	type CameraFormat,
	type Decoded,
	type FrameDecoder,
	type FrameSource
} from './decoder';
import { FrameGrabber } from './frame-grabber';

type Detector = Pick<DetectorClass, 'detect'>;
type DetectorConstructor = typeof DetectorClass;

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
	const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
		import('barcode-detector/ponyfill'),
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
	return new DetectorDecoder(
		new BarcodeDetector({ formats: wanted }),
		'detector (zxing-wasm)',
		true,
		formats
	);
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
function nearestFirst(found: DetectedBarcode[], cx: number, cy: number): DetectedBarcode[] {
	const distance = (b: DetectedBarcode) =>
		Math.hypot(
			b.boundingBox.x + b.boundingBox.width / 2 - cx,
			b.boundingBox.y + b.boundingBox.height / 2 - cy
		);
	return found.length < 2 ? found : [...found].sort((a, b) => distance(a) - distance(b));
}
