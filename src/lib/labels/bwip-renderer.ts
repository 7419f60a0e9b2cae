/**
 * The GS1 DataMatrix renderer: bwip-js (Barcode Writer in Pure PostScript)
 * encodes, and the modules are drawn as SVG squares of whole printer dots.
 * Imported lazily through renderer.ts: bwip-js is large and most labels are
 * Code 128. Only its GS1 DataMatrix encoder is imported (the named export,
 * so the bundle leaves the other hundred symbologies out); bwip-js hands
 * the symbol to a drawing as outlines of the dark modules, one unit a
 * module, which `grid` turns back into modules.
 *
 * The code is the GS1 bracketed text "(01)…(21)…"; it is checked with our
 * own GS1 rules first (gs1.ts), so a label that cannot be made says why in
 * the words the rest of the app uses, before bwip-js's own checks.
 */
import { gs1datamatrix, type DrawingContext } from 'bwip-js/browser';
import { parseGs1 } from '$lib/domain/gs1';
import type { Symbology } from './barcode-fit';
import type { BarcodeRenderer } from './barcode-renderer';

const SVG_NS = 'http://www.w3.org/2000/svg';

function rows(code: string, symbology: Symbology): string[] {
	if (symbology !== 'GS1DATAMATRIX') throw new Error(`bwip-js here draws GS1 DataMatrix only`);
	const gs1 = parseGs1(code, new Date());
	if (!gs1) throw new Error('not a GS1 code');
	if (!gs1.ok) throw new Error(gs1.reason);
	return gs1datamatrix({ bcid: 'gs1datamatrix', text: code, scale: 1 }, outlines());
}

/** A bwip-js drawing that keeps the outlines and returns the grid of modules, rows top first. */
function outlines(): DrawingContext<string[]> {
	const polygons: [number, number][][] = [];
	let width = 0;
	let height = 0;
	return {
		scale: () => [1, 1],
		measure: () => ({ width: 0, ascent: 0, descent: 0 }),
		init(w, h) {
			width = Math.round(w);
			height = Math.round(h);
		},
		line: () => undefined,
		polygon: (points) => void polygons.push(points),
		hexagon: () => undefined,
		ellipse: () => undefined,
		fill: () => undefined,
		text: () => undefined,
		end: () => grid(polygons, width, height)
	};
}

/** Each module dark when its centre is inside an odd number of outlines (holes are outlines too). */
function grid(polygons: readonly [number, number][][], width: number, height: number): string[] {
	const rows: string[] = [];
	for (let y = 0; y < height; y++) {
		let row = '';
		for (let x = 0; x < width; x++) {
			let inside = false;
			for (const p of polygons) if (contains(p, x + 0.5, y + 0.5)) inside = !inside;
			row += inside ? '1' : '0';
		}
		rows.push(row);
	}
	if (rows.length === 0) throw new Error('bwip-js drew nothing');
	return rows;
}

/** Even-odd point in polygon (a ray to the right crosses the outline an odd number of times). */
function contains(points: readonly [number, number][], x: number, y: number): boolean {
	let inside = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i] ?? [0, 0];
		const [xj, yj] = points[j] ?? [0, 0];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
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
