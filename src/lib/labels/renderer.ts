/**
 * Loading the barcode renderers (barcode-renderer.ts is their contract):
 * jsbarcode in the app, loaded the first time a label is printed (STYLE.md
 * 12), bwip-js the first time a GS1 DataMatrix label is; and one renderer
 * for a job that needs both.
 */
import { isMatrix, type Symbology } from './barcode-fit';
import type { BarcodeRenderer } from './barcode-renderer';

export type { BarcodeRenderer } from './barcode-renderer';

let loading: Promise<BarcodeRenderer> | null = null;

/** The jsbarcode renderer, imported on first use and kept. */
export function loadBarcodeRenderer(): Promise<BarcodeRenderer> {
	loading ??= import('./jsbarcode-renderer').then((m) => m.jsbarcodeRenderer);
	// A failed import (offline before the chunk was cached) may be retried.
	loading.catch(() => (loading = null));
	return loading;
}

/** Modules across an encoded symbol (a matrix: across its first row). */
export function modulesAcross(encoded: string): number {
	const end = encoded.indexOf('\n');
	return end < 0 ? encoded.length : end;
}

let loadingMatrix: Promise<BarcodeRenderer> | null = null;

/** The GS1 DataMatrix renderer (bwip-js), imported the first time a matrix label is asked for. */
export function loadMatrixRenderer(): Promise<BarcodeRenderer> {
	loadingMatrix ??= import('./bwip-renderer').then((m) => m.bwipRenderer);
	loadingMatrix.catch(() => (loadingMatrix = null));
	return loadingMatrix;
}

/** One renderer for a job: matrix symbologies to `matrix`, the rest to `linear`. */
export function combinedRenderer(
	linear: BarcodeRenderer,
	matrix: BarcodeRenderer | null
): BarcodeRenderer {
	const pick = (symbology: Symbology) => {
		if (!isMatrix(symbology)) return linear;
		if (!matrix) throw new Error('the GS1 DataMatrix renderer has not loaded');
		return matrix;
	};
	return {
		encode: (code, symbology) => pick(symbology).encode(code, symbology),
		draw: (svg, code, symbology, dots, height) =>
			pick(symbology).draw(svg, code, symbology, dots, height)
	};
}
