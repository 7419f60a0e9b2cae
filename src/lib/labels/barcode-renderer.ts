/**
 * The barcode renderer behind one small contract (STYLE.md 2): jsbarcode in
 * the app (jsbarcode-renderer.ts), bwip-js for GS1 DataMatrix
 * (bwip-renderer.ts), and an in-memory twin for tests (memory-renderer.ts).
 * The implementations import only this file, so none of them imports the
 * loaders (renderer.ts) that import them.
 */
import type { Symbology } from './barcode-fit';

export interface BarcodeRenderer {
	/**
	 * The symbol's modules, '1' for a bar and '0' for a space (a matrix: its
	 * rows, top first, joined by '\n'); throws when `symbology` cannot carry `code`.
	 */
	encode(code: string, symbology: Symbology): string;
	/**
	 * Draws the symbol into `svg`: each module `dots` user units wide from
	 * x = 0, `height` units tall, no quiet zones, no text, no background.
	 * The caller sets the svg's box and viewBox. A matrix is drawn as squares
	 * of `dots` from (0, 0); `height` does not apply.
	 */
	draw(svg: SVGSVGElement, code: string, symbology: Symbology, dots: number, height: number): void;
}
