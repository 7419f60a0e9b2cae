import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ZXING_WASM_SHA256 } from 'zxing-wasm/reader';
import { describe, expect, it } from 'vitest';

describe('the detector’s .wasm', () => {
	it('is the very file its JavaScript was built for', () => {
		// detector-decoder.ts serves zxing-wasm/reader/zxing_reader.wasm (through
		// Vite's ?url) to zxing-wasm's glue code, which must be of the same
		// build: the SHA-256 it was built with must match.
		const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
		const sha256 = createHash('sha256').update(readFileSync(wasm)).digest('hex');
		expect(sha256).toBe(ZXING_WASM_SHA256);
	});
});

describe('GS1 through the zxing-wasm detector', () => {
	it('keeps a GS1 DataMatrix’s symbology identifier and GS separators', async () => {
		const { bwipRenderer } = await import('$lib/labels/bwip-renderer');
		const { textOf } = await import('./detector-decoder');
		const reader = await import('zxing-wasm/reader');
		const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
		const bytes = readFileSync(wasm);
		reader.prepareZXingModule({
			overrides: {
				wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)
			}
		});
		// Our own label renderer's symbol, 4 px a module with a quiet zone of 2 modules.
		const rows = bwipRenderer
			.encode('(01)04006381333931(17)300331(10)L-0423(21)ST-0001', 'GS1DATAMATRIX')
			.split('\n');
		const scale = 4;
		const side = (rows.length + 4) * scale;
		const data = new Uint8ClampedArray(side * side * 4).fill(255);
		rows.forEach((row, y) =>
			[...row].forEach((bit, x) => {
				if (bit !== '1') return;
				for (let dy = 0; dy < scale; dy++)
					for (let dx = 0; dx < scale; dx++) {
						const i = (((y + 2) * scale + dy) * side + (x + 2) * scale + dx) * 4;
						data.fill(0, i, i + 3);
					}
			})
		);
		const image = { data, width: side, height: side, colorSpace: 'srgb' } as ImageData;
		const results = await reader.readBarcodes(image, {
			formats: ['DataMatrix'],
			textMode: 'Plain'
		});
		expect(results.map((r) => [r.format, textOf(r)])).toEqual([
			['DataMatrix', ']d20104006381333931173003311' + '0L-0423\u001d21ST-0001']
		]);
	});
});
