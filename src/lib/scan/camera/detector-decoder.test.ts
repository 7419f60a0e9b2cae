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
