/**
 * How wide to draw a barcode's narrowest bar (its module, the "X
 * dimension") on a printer of a given resolution.
 *
 * A printer can only lay down whole dots, so a module is k dots wide,
 * k / dpi inches. When every module is a whole number of dots, every bar
 * and space edge sits at the same fraction of a dot, the printer rounds
 * them all the same way, and the bars keep their exact widths; a module of
 * 2.4 dots would come out as a mix of 2 and 3 and corrupt the widths the
 * decoder measures. We take the largest k, up to a ceiling, whose symbol
 * and quiet zones fit the label; a long code gets narrower bars, down to a
 * floor below which cheap scanners stop reading on the first try. Below
 * the floor the code does not fit, and the caller says so before printing.
 *
 * Floors and quiet zones:
 * - Code 128 (ISO/IEC 15417): quiet zones of 10 modules on both sides. No
 *   minimum X in the standard; we require 0.19 mm (7.5 mil). General
 *   purpose handheld scanners are built around 10 mil codes; the cheap
 *   CCD ones resolve 5 mil only pressed against the label, while 7.5 mil
 *   reads at ordinary handheld distance. On thermal printers a bar or space
 *   one dot wide (0.125 mm at 203 dpi, 0.085 mm at 300 dpi) is eaten by dot
 *   gain. So: at least 2 dots (0.250 mm) at 203 dpi, 3 dots (0.254 mm) at
 *   300 dpi.
 * - EAN-13 (GS1 General Specifications): quiet zones of 11 modules left,
 *   7 right; X from 0.264 mm (80 % magnification) for scanning at the POS.
 *
 * - GS1 DataMatrix (ISO/IEC 16022, a square of modules): a quiet zone of
 *   one module all round; X from 0.254 mm (10 mil), which the 2D imagers
 *   shops use read at arm's length, and printers of 203 dpi reach with
 *   3 dots (2 dots, 0.250 mm, is under it), 300 dpi with 3. Fitted against
 *   the side of the square the label leaves it (matrixSideMm).
 *
 * The ceiling (0.5 mm, 20 mil) keeps a short code from growing into a
 * block wider than a scanner's window.
 */

export type Symbology = 'CODE128' | 'EAN13' | 'GS1DATAMATRIX';

/** A two-dimensional symbology: fitted by the side of its square, drawn as a grid. */
export function isMatrix(symbology: Symbology): boolean {
	return symbology === 'GS1DATAMATRIX';
}
export type Dpi = 203 | 300;
export const PRINTER_DPIS: readonly Dpi[] = [203, 300];

export interface SymbologyRules {
	quietLeft: number;
	quietRight: number;
	minModuleMm: number;
	maxModuleMm: number;
}

export const SYMBOLOGY_RULES: Record<Symbology, SymbologyRules> = {
	CODE128: { quietLeft: 10, quietRight: 10, minModuleMm: 0.19, maxModuleMm: 0.5 },
	EAN13: { quietLeft: 11, quietRight: 7, minModuleMm: 0.264, maxModuleMm: 0.66 },
	GS1DATAMATRIX: { quietLeft: 1, quietRight: 1, minModuleMm: 0.254, maxModuleMm: 0.6 }
};

const MM_PER_INCH = 25.4;
const CSS_PX_PER_INCH = 96;
/** Slack for float rounding in mm comparisons (a thousandth of a dot). */
const EPSILON = 1e-6;

export function dotMm(dpi: Dpi): number {
	return MM_PER_INCH / dpi;
}

/** The fewest dots a module may have at `dpi`. */
export function minDots(symbology: Symbology, dpi: Dpi): number {
	return Math.ceil(SYMBOLOGY_RULES[symbology].minModuleMm / dotMm(dpi) - EPSILON);
}

/** The most dots a module may have at `dpi`. */
export function maxDots(symbology: Symbology, dpi: Dpi): number {
	const most = Math.floor(SYMBOLOGY_RULES[symbology].maxModuleMm / dotMm(dpi) + EPSILON);
	return Math.max(most, minDots(symbology, dpi));
}

export interface BarcodeFit {
	ok: true;
	/** Dots per module. */
	dots: number;
	moduleMm: number;
	/** The symbol alone. */
	symbolMm: number;
	/** Symbol and both quiet zones. */
	widthMm: number;
}

export interface BarcodeMisfit {
	ok: false;
	/** The width the symbol and its quiet zones take at the narrowest allowed module. */
	neededMm: number;
	availableMm: number;
	/** That narrowest module. */
	dots: number;
	moduleMm: number;
}

/** Modules across the symbol and both quiet zones. */
export function modulesWithQuietZones(modules: number, symbology: Symbology): number {
	const rules = SYMBOLOGY_RULES[symbology];
	return modules + rules.quietLeft + rules.quietRight;
}

/**
 * The widest whole-dot module at which a symbol of `modules` modules and
 * its quiet zones fit in `availableMm`, or why it cannot fit.
 */
export function fitBarcode(
	modules: number,
	symbology: Symbology,
	availableMm: number,
	dpi: Dpi
): BarcodeFit | BarcodeMisfit {
	const total = modulesWithQuietZones(modules, symbology);
	const fewest = minDots(symbology, dpi);
	for (let dots = maxDots(symbology, dpi); dots >= fewest; dots--) {
		const moduleMm = dots * dotMm(dpi);
		if (total * moduleMm <= availableMm + EPSILON) {
			return { ok: true, dots, moduleMm, symbolMm: modules * moduleMm, widthMm: total * moduleMm };
		}
	}
	const moduleMm = fewest * dotMm(dpi);
	return { ok: false, neededMm: total * moduleMm, availableMm, dots: fewest, moduleMm };
}

export interface SvgBox {
	/** CSS width of the <svg>: a whole number of CSS px. */
	widthPx: number;
	/** viewBox x and width, in dots (one user unit is one printer dot). */
	viewBoxX: number;
	viewBoxWidth: number;
}

/**
 * The <svg> box for a fitted barcode, quiet zones included. Chromium snaps
 * an <svg> root's box to whole CSS px and scales its content to the snapped
 * size; a box already a whole number of px wide is not scaled, so a dot
 * stays exactly 96 / dpi px. The viewBox starts at minus the left quiet
 * zone, so the bars (drawn from x = 0) keep their quiet zones inside the box.
 */
export function svgBox(modules: number, symbology: Symbology, dots: number, dpi: Dpi): SvgBox {
	const totalDots = modulesWithQuietZones(modules, symbology) * dots;
	const widthPx = Math.ceil((totalDots * CSS_PX_PER_INCH) / dpi - EPSILON);
	return {
		widthPx,
		viewBoxX: -SYMBOLOGY_RULES[symbology].quietLeft * dots,
		viewBoxWidth: (widthPx * dpi) / CSS_PX_PER_INCH
	};
}

export interface MatrixBox {
	/** CSS width and height of the <svg>: a whole number of CSS px. */
	sidePx: number;
	/** viewBox x and y (minus the quiet zone) and side, in dots. */
	viewBoxX: number;
	viewBoxSide: number;
}

/** The square <svg> box of a fitted matrix of `modules` a side, quiet zone included (as svgBox). */
export function matrixBox(modules: number, dots: number, dpi: Dpi): MatrixBox {
	const rules = SYMBOLOGY_RULES.GS1DATAMATRIX;
	const totalDots = (modules + rules.quietLeft + rules.quietRight) * dots;
	const sidePx = Math.ceil((totalDots * CSS_PX_PER_INCH) / dpi - EPSILON);
	return {
		sidePx,
		viewBoxX: -rules.quietLeft * dots,
		viewBoxSide: (sidePx * dpi) / CSS_PX_PER_INCH
	};
}

/** A number in mm for a message: at most two decimals, no trailing zeros. */
export function formatMm(mm: number): string {
	return `${Number(mm.toFixed(2))} mm`;
}
