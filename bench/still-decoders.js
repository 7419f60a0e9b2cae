// The decoders the camera uses, run in Node on the still pictures (each
// whole JPEG, decoded by ffmpeg): what each reads with no camera, no aiming
// area and no second frame — the yardstick the camera path must reach
// (issue 11). Set as the app sets them: zxing-wasm with the reader options
// of detector-decoder.ts, zbar with only EAN-13 and UPC-A on every second line, @zxing/library
// with TRY_HARDER and the expected formats.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { ZBarScanner, scanGrayBuffer } from '@undecaf/zbar-wasm';
import * as ZXing from '@zxing/library';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** @typedef {{ code: string, format: string }} Read */
/** @typedef {(rgba: { data: Uint8ClampedArray, width: number, height: number }, gray: Uint8Array) => Promise<Read[]>} StillDecoder */

/** @returns {Promise<Record<'zxing-wasm' | 'zbar' | 'zxing-js', StillDecoder>>} */
export async function stillDecoders() {
	const wasm = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
	await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer }, fireImmediately: true });
	const zbar = await ZBarScanner.create();
	zbar.setConfig(0, 0, 0);
	zbar.setConfig(0, 256, 2);
	zbar.setConfig(0, 257, 2);
	for (const type of [12, 13]) {
		zbar.setConfig(type, 0, 1);
		zbar.setConfig(type, 64, 2);
	}
	const reader = new ZXing.MultiFormatReader();
	const F = ZXing.BarcodeFormat;
	reader.setHints(
		new Map([
			[
				ZXing.DecodeHintType.POSSIBLE_FORMATS,
				[F.CODE_128, F.CODE_39, F.EAN_13, F.UPC_A, F.QR_CODE, F.DATA_MATRIX]
			],
			[ZXing.DecodeHintType.TRY_HARDER, true]
		])
	);
	return {
		'zxing-wasm': async (rgba) =>
			(
				await readBarcodes(rgba, {
					formats: ['Code128', 'Code39', 'EAN13', 'UPCA', 'QRCode', 'DataMatrix'],
					tryHarder: true,
					tryRotate: true,
					tryInvert: true,
					tryDownscale: true,
					minLineCount: 2,
					maxNumberOfSymbols: 4,
					textMode: 'HRI'
				})
			)
				.filter((r) => r.isValid)
				.map((r) => ({ code: r.text, format: r.format })),
		zbar: async (rgba, gray) =>
			(await scanGrayBuffer(gray.slice().buffer, rgba.width, rgba.height, zbar)).map((s) => ({
				code: s.decode('utf-8'),
				format: s.typeName
			})),
		'zxing-js': async (rgba, gray) => {
			try {
				const source = new ZXing.RGBLuminanceSource(
					Uint8ClampedArray.from(gray),
					rgba.width,
					rgba.height
				);
				const result = reader.decode(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source)));
				return [{ code: result.getText(), format: F[result.getBarcodeFormat()] ?? '' }];
			} catch {
				return [];
			}
		}
	};
}

/**
 * A JPEG's pixels, and their luma as the app computes it (BT.601).
 * @param {string} path
 */
export async function stillPixels(path) {
	const { stdout } = await run(
		'ffmpeg',
		['-hide_banner', '-loglevel', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
		{
			encoding: 'buffer',
			maxBuffer: 1 << 24
		}
	);
	const { width, height } = { width: 640, height: 480 };
	const data = new Uint8ClampedArray(stdout.buffer, stdout.byteOffset, stdout.length);
	const gray = new Uint8Array(width * height);
	for (let i = 0; i < gray.length; i++) {
		gray[i] =
			(306 * (data[i * 4] ?? 0) +
				601 * (data[i * 4 + 1] ?? 0) +
				117 * (data[i * 4 + 2] ?? 0) +
				512) >>
			10;
	}
	return { rgba: { data, width, height }, gray };
}

/** EAN-13 that starts with 0 is the UPC-A the app shows (12 digits). @param {string} code */
export function asShown(code) {
	return /^0\d{12}$/.test(code) ? code.slice(1) : code;
}
