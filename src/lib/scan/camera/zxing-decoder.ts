/**
 * The @zxing/browser decoder: ZXing's Java port in JavaScript. The frame is
 * copied into a reused canvas, turned into luminance by @zxing/browser's
 * canvas source, binarised (HybridBinarizer) and handed to the
 * MultiFormatReader with the expected formats and TRY_HARDER.
 *
 * GS1: with ASSUME_GS1 a GS1-128 reads as "]C1…" with GS separators; a GS1
 * DataMatrix reads with its FNC1 in first position as a leading GS, which
 * becomes the "]d2" identifier. A GS1 QR code is not told apart by this
 * library (no symbology identifier): it is known by the GS inside it.
 */
import { BrowserMultiFormatReader } from '@zxing/browser';
import { BarcodeFormat, DecodeHintType, Exception } from '@zxing/library';
import type { ScanFormat } from '../types';
import {
	acceptDecoded,
	type CameraFormat,
	type Decoded,
	type FrameDecoder,
	type FrameSource
} from './decoder';
import { FrameGrabber } from './frame-grabber';

const TO_ZXING: Record<CameraFormat, BarcodeFormat> = {
	code128: BarcodeFormat.CODE_128,
	code39: BarcodeFormat.CODE_39,
	ean13: BarcodeFormat.EAN_13,
	upca: BarcodeFormat.UPC_A,
	qr: BarcodeFormat.QR_CODE,
	datamatrix: BarcodeFormat.DATA_MATRIX
};

const FROM_ZXING = new Map<BarcodeFormat, ScanFormat>(
	Object.entries(TO_ZXING).map(([ours, theirs]) => [theirs, ours as ScanFormat])
);

export class ZxingDecoder implements FrameDecoder {
	readonly label = 'zxing';
	private readonly reader: BrowserMultiFormatReader;
	private readonly grabber = new FrameGrabber();

	constructor(formats: readonly CameraFormat[]) {
		const hints = new Map<DecodeHintType, unknown>([
			[DecodeHintType.POSSIBLE_FORMATS, formats.map((f) => TO_ZXING[f])],
			[DecodeHintType.TRY_HARDER, true],
			[DecodeHintType.ASSUME_GS1, true]
		]);
		this.reader = new BrowserMultiFormatReader(hints);
	}

	async decode(source: FrameSource): Promise<Decoded | null> {
		const canvas = this.grabber.canvasOf(source);
		if (!canvas) return null;
		try {
			const result = this.reader.decodeFromCanvas(canvas);
			const format = FROM_ZXING.get(result.getBarcodeFormat());
			return format ? acceptDecoded(gs1Marked(result.getText(), format), format) : null;
		} catch (error) {
			// ZXing reports "nothing here" (and checksum or format trouble on a
			// noisy frame) by throwing its own exceptions: a miss, not a fault.
			if (error instanceof Exception) return null;
			throw error;
		}
	}

	dispose(): void {
		this.grabber.dispose();
	}
}

const GS = '\u001d';

/** A GS1 DataMatrix's leading FNC1 (a GS here) as its symbology identifier. */
export function gs1Marked(text: string, format: ScanFormat): string {
	return format === 'datamatrix' && text.startsWith(GS) ? `]d2${text.slice(1)}` : text;
}
