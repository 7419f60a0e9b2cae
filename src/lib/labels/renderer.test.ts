// The contract, held by the real renderer (jsbarcode, whose encoder runs
// without a DOM) and by its in-memory twin.
import { describe, expect, it } from 'vitest';
import { jsbarcodeRenderer } from './jsbarcode-renderer';
import { code128Modules, MemoryRenderer } from './memory-renderer';
import type { BarcodeRenderer } from './barcode-renderer';

const renderers: [string, BarcodeRenderer][] = [
	['jsbarcode', jsbarcodeRenderer],
	['memory', new MemoryRenderer()]
];

describe.each(renderers)('%s renderer', (_name, renderer) => {
	it('encodes Code 128 set B at 11 modules a character plus start, check and stop', () => {
		for (const code of ['A1x', 'Ab-9x-QrZ-7', 'q', 'TooLong-Serial-X']) {
			const modules = renderer.encode(code, 'CODE128');
			expect(modules).toMatch(/^1[01]*1$/);
			expect(modules).toHaveLength(code128Modules(code));
		}
	});

	it('encodes EAN-13 in 95 modules', () => {
		expect(renderer.encode('4006381333931', 'EAN13')).toHaveLength(95);
	});

	it('refuses what the symbology cannot carry', () => {
		expect(() => renderer.encode('é', 'CODE128')).toThrow();
		expect(() => renderer.encode('12345', 'EAN13')).toThrow();
	});
});

it('jsbarcode packs runs of digits (code set C) shorter than set B', () => {
	expect(jsbarcodeRenderer.encode('9780201379624001', 'CODE128').length).toBeLessThan(
		code128Modules('9780201379624001')
	);
});
