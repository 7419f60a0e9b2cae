/** The real barcode renderer: jsbarcode, drawing SVG. Imported lazily by renderer.ts; implements barcode-renderer.ts. */
import JsBarcode from 'jsbarcode';
import type { Symbology } from './barcode-fit';
import type { BarcodeRenderer } from './barcode-renderer';

interface Encoding {
	data: string;
}

function options(symbology: Symbology, dots: number, height: number): JsBarcode.Options {
	return {
		format: symbology,
		width: dots,
		height,
		margin: 0,
		displayValue: false,
		background: '',
		// EAN-13 as one flat symbol: the text under it is the label's own.
		...(symbology === 'EAN13' ? { flat: true } : {})
	};
}

export const jsbarcodeRenderer: BarcodeRenderer = {
	encode(code, symbology) {
		// jsbarcode's object renderer: the encodings without touching the DOM.
		const target: { encodings?: Encoding[] } = {};
		let valid = true;
		JsBarcode(target, code, { ...options(symbology, 1, 1), valid: (v) => (valid = v) });
		if (!valid || !target.encodings) throw new Error(`"${code}" is not valid ${symbology}`);
		return target.encodings.map((e) => e.data).join('');
	},
	draw(svg, code, symbology, dots, height) {
		let valid = true;
		JsBarcode(svg, code, { ...options(symbology, dots, height), valid: (v) => (valid = v) });
		if (!valid) throw new Error(`"${code}" is not valid ${symbology}`);
	}
};
