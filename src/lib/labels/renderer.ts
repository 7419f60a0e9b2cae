/**
 * The barcode renderer behind one small contract (STYLE.md 2): jsbarcode in
 * the app, loaded the first time a label is printed (STYLE.md 12), and an
 * in-memory twin for tests.
 */
import type { Symbology } from './barcode-fit';

export interface BarcodeRenderer {
	/** The symbol's modules, '1' for a bar and '0' for a space; throws when `symbology` cannot carry `code`. */
	encode(code: string, symbology: Symbology): string;
	/**
	 * Draws the symbol into `svg`: each module `dots` user units wide from
	 * x = 0, `height` units tall, no quiet zones, no text, no background.
	 * The caller sets the svg's box and viewBox.
	 */
	draw(svg: SVGSVGElement, code: string, symbology: Symbology, dots: number, height: number): void;
}

let loading: Promise<BarcodeRenderer> | null = null;

/** The jsbarcode renderer, imported on first use and kept. */
export function loadBarcodeRenderer(): Promise<BarcodeRenderer> {
	loading ??= import('./jsbarcode-renderer').then((m) => m.jsbarcodeRenderer);
	// A failed import (offline before the chunk was cached) may be retried.
	loading.catch(() => (loading = null));
	return loading;
}
