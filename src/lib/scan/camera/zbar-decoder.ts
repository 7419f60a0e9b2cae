/**
 * zbar (C, compiled to WebAssembly: @undecaf/zbar-wasm) for EAN-13 and
 * UPC-A only: it reads retail codes on photographs that ZXing misses (issue
 * 11: most of the EAN-13 photos zxing-wasm missed), and it is a second,
 * independent opinion on what ZXing reads: an EAN-13 or UPC-A is a scan
 * only when both have read it (read-confirmer.ts). Only those two
 * symbologies are switched on, with zbar's uncertainty at 2 (a symbol must
 * be decoded more than once in the frame), on every second scan line. Its .wasm (240 kB) is our own
 * asset, like ZXing's, loaded when the camera opens.
 */
import type { ZBarScanner } from '@undecaf/zbar-wasm';
import {
	acceptDecoded,
	type CameraFormat,
	type Decoded,
	type FrameDecoder,
	type FrameSource
} from './decoder';
import { FrameGrabber } from './frame-grabber';

/** What zbar reads for us. */
export const ZBAR_FORMATS: readonly CameraFormat[] = ['ean13', 'upca'];

/** zbar's symbol types and config keys (zbar.h), kept here so the enum module loads only with zbar. */
const ZBAR_NONE = 0;
const ZBAR_EAN13 = 13;
const ZBAR_UPCA = 12;
const CFG_ENABLE = 0;
const CFG_UNCERTAINTY = 64;
const CFG_X_DENSITY = 256;
const CFG_Y_DENSITY = 257;

type ScanGray = (
	buffer: ArrayBuffer,
	width: number,
	height: number,
	scanner: ZBarScanner
) => Promise<{ typeName: string; decode(encoding?: string): string }[]>;

export async function createZbarDecoder(
	formats: readonly CameraFormat[]
): Promise<FrameDecoder | null> {
	const wanted = ZBAR_FORMATS.filter((f) => formats.includes(f));
	if (wanted.length === 0) return null;
	const zbar = await zbarModule();
	const scanner = await zbar.ZBarScanner.create();
	scanner.setConfig(ZBAR_NONE, CFG_ENABLE, 0);
	// Every second scan line, each way: a third of the time on our test
	// pictures, for one still EAN-13 fewer (bars are tall: the lines skipped
	// mostly hold the same); zbar's reads only confirm, never scan alone.
	scanner.setConfig(ZBAR_NONE, CFG_X_DENSITY, 2);
	scanner.setConfig(ZBAR_NONE, CFG_Y_DENSITY, 2);
	for (const [format, type] of [
		['ean13', ZBAR_EAN13],
		['upca', ZBAR_UPCA]
	] as const) {
		if (!wanted.includes(format)) continue;
		scanner.setConfig(type, CFG_ENABLE, 1);
		scanner.setConfig(type, CFG_UNCERTAINTY, 2);
	}
	return new ZbarDecoder(scanner, zbar.scanGrayBuffer);
}

export function preloadZbar(): void {
	zbarModule().catch(() => undefined);
}

let loaded: Promise<typeof import('@undecaf/zbar-wasm')> | null = null;

/** zbar's module, its WebAssembly instantiated once per page (setModuleArgs makes a new instance). */
function zbarModule(): Promise<typeof import('@undecaf/zbar-wasm')> {
	loaded ??= (async () => {
		const [zbar, { default: wasmUrl }] = await Promise.all([
			import('@undecaf/zbar-wasm'),
			import('@undecaf/zbar-wasm/dist/zbar.wasm?url')
		]);
		zbar.setModuleArgs({
			locateFile: (file, dir) => (file.endsWith('.wasm') ? wasmUrl : dir + file)
		});
		await zbar.getInstance();
		return zbar;
	})();
	loaded.catch(() => (loaded = null));
	return loaded;
}

class ZbarDecoder implements FrameDecoder {
	readonly label = 'zbar';
	private readonly grabber = new FrameGrabber();
	private gray: Uint8Array<ArrayBuffer> = new Uint8Array(0);

	constructor(
		private scanner: ZBarScanner | null,
		private readonly scanGray: ScanGray
	) {}

	async decode(source: FrameSource): Promise<Decoded | null> {
		const pixels = this.scanner && this.grabber.imageDataOf(source);
		if (!pixels || !this.scanner) return null;
		const { data, width, height } = pixels;
		if (this.gray.length !== width * height) this.gray = new Uint8Array(width * height);
		const gray = this.gray;
		// The same luma as ZXing's (BT.601), so both decoders see one picture.
		for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
			gray[i] =
				(306 * (data[p] ?? 0) + 601 * (data[p + 1] ?? 0) + 117 * (data[p + 2] ?? 0) + 512) >> 10;
		}
		const symbols = await this.scanGray(gray.buffer, width, height, this.scanner);
		for (const symbol of symbols) {
			const format =
				symbol.typeName === 'ZBAR_UPCA'
					? 'upca'
					: symbol.typeName === 'ZBAR_EAN13'
						? 'ean13'
						: null;
			const decoded = format && acceptDecoded(symbol.decode('utf-8'), format);
			if (decoded) return decoded;
		}
		return null;
	}

	dispose(): void {
		this.scanner?.destroy();
		this.scanner = null;
		this.grabber.dispose();
	}
}
