/**
 * The in-memory twin of the jsbarcode renderer, for tests: Code 128 sized as
 * all code set B (11 modules a character, plus start, check and stop), EAN-13
 * at its fixed 95 modules. Bars are stripes of 1s; nothing is drawn.
 */
import type { Symbology } from './barcode-fit';
import type { BarcodeRenderer } from './barcode-renderer';

export function code128Modules(code: string): number {
	return 11 * (code.length + 2) + 13;
}

export class MemoryRenderer implements BarcodeRenderer {
	readonly drawn: { code: string; symbology: Symbology; dots: number }[] = [];

	encode(code: string, symbology: Symbology): string {
		if (symbology === 'EAN13') {
			if (!/^\d{13}$/.test(code)) throw new Error(`"${code}" is not valid EAN13`);
			return '10'.repeat(47) + '1';
		}
		if (!/^[\x20-\x7e]+$/.test(code))
			throw new Error(`"${code}" is not a valid input for CODE128AUTO`);
		return '1'.repeat(code128Modules(code));
	}

	draw(_svg: SVGSVGElement, code: string, symbology: Symbology, dots: number): void {
		this.encode(code, symbology);
		this.drawn.push({ code, symbology, dots });
	}
}
