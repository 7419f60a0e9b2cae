/**
 * The GS1 DataMatrix renderer: bwip-js (Barcode Writer in Pure PostScript)
 * encodes, and the modules are drawn as SVG squares of whole printer dots.
 * Imported lazily through renderer.ts: bwip-js is large and most labels are
 * Code 128.
 *
 * The code is the GS1 bracketed text "(01)…(21)…"; it is checked with our
 * own GS1 rules first (gs1.ts), so a label that cannot be made says why in
 * the words the rest of the app uses, before bwip-js's own checks.
 */
import { raw } from 'bwip-js/browser';
import { parseGs1 } from '$lib/domain/gs1';
import type { Symbology } from './barcode-fit';
import type { BarcodeRenderer } from './renderer';

const SVG_NS = 'http://www.w3.org/2000/svg';

function rows(code: string, symbology: Symbology): string[] {
	if (symbology !== 'GS1DATAMATRIX') throw new Error(`bwip-js here draws GS1 DataMatrix only`);
	const gs1 = parseGs1(code, new Date());
	if (!gs1) throw new Error('not a GS1 code');
	if (!gs1.ok) throw new Error(gs1.reason);
	const [symbol] = raw('gs1datamatrix', code, {});
	if (!symbol || !('pixs' in symbol)) throw new Error('bwip-js drew nothing');
	const out: string[] = [];
	for (let y = 0; y < symbol.pixy; y++) {
		let row = '';
		for (let x = 0; x < symbol.pixx; x++) row += symbol.pixs[y * symbol.pixx + x] ? '1' : '0';
		out.push(row);
	}
	return out;
}

export const bwipRenderer: BarcodeRenderer = {
	encode(code, symbology) {
		return rows(code, symbology).join('\n');
	},
	draw(svg, code, symbology, dots) {
		// One path of whole-dot squares: runs of dark modules along each row.
		let d = '';
		for (const [y, row] of rows(code, symbology).entries()) {
			for (const run of row.matchAll(/1+/g))
				d += `M${(run.index ?? 0) * dots} ${y * dots}h${run[0].length * dots}v${dots}h-${run[0].length * dots}z`;
		}
		svg.replaceChildren();
		const path = document.createElementNS(SVG_NS, 'path');
		path.setAttribute('d', d);
		path.setAttribute('shape-rendering', 'crispEdges');
		svg.append(path);
	}
};
