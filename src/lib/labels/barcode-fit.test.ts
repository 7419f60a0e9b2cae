import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	dotMm,
	fitBarcode,
	formatMm,
	maxDots,
	minDots,
	modulesWithQuietZones,
	PRINTER_DPIS,
	svgBox,
	SYMBOLOGY_RULES,
	type Dpi,
	type Symbology
} from './barcode-fit';

describe('module width in whole dots', () => {
	it('never goes below the scannable floor: 2 dots at 203 dpi, 3 at 300 for Code 128', () => {
		expect(minDots('CODE128', 203)).toBe(2);
		expect(minDots('CODE128', 300)).toBe(3);
		expect(minDots('EAN13', 203)).toBe(3);
		expect(minDots('EAN13', 300)).toBe(4);
		for (const dpi of PRINTER_DPIS) {
			for (const symbology of ['CODE128', 'EAN13'] as const) {
				const floor = SYMBOLOGY_RULES[symbology].minModuleMm;
				expect(minDots(symbology, dpi) * dotMm(dpi)).toBeGreaterThanOrEqual(floor);
				expect((minDots(symbology, dpi) - 1) * dotMm(dpi)).toBeLessThan(floor);
			}
		}
	});

	it('caps the module at 0.5 mm for Code 128', () => {
		expect(maxDots('CODE128', 203)).toBe(3);
		expect(maxDots('CODE128', 300)).toBe(5);
	});

	it('takes the widest module that fits, quiet zones included', () => {
		// "A1": 57 modules, 77 with quiet zones; 0.375 mm (3 dots at 203) needs 28.9 mm.
		const fit = fitBarcode(57, 'CODE128', 48, 203);
		expect(fit).toMatchObject({ ok: true, dots: 3 });
		if (fit.ok) {
			expect(fit.moduleMm).toBeCloseTo((3 * 25.4) / 203, 9);
			expect(fit.widthMm).toBeCloseTo(77 * fit.moduleMm, 9);
			expect(fit.symbolMm).toBeCloseTo(57 * fit.moduleMm, 9);
		}
	});

	it('narrows the bars for a longer code, down to the floor', () => {
		// 178 modules (13 characters of set B): 198 with quiet zones.
		expect(fitBarcode(178, 'CODE128', 60, 203)).toMatchObject({ ok: true, dots: 2 });
		expect(fitBarcode(178, 'CODE128', 60, 300)).toMatchObject({ ok: true, dots: 3 });
		expect(fitBarcode(178, 'CODE128', 80, 300)).toMatchObject({ ok: true, dots: 4 });
	});

	it('fits exactly at the boundary and not a hair over', () => {
		const exact = modulesWithQuietZones(178, 'CODE128') * 2 * dotMm(203);
		expect(fitBarcode(178, 'CODE128', exact, 203).ok).toBe(true);
		expect(fitBarcode(178, 'CODE128', exact - 0.001, 203).ok).toBe(false);
	});

	it('says what a misfit needs, at the narrowest module', () => {
		const misfit = fitBarcode(211, 'CODE128', 50, 203);
		expect(misfit).toMatchObject({ ok: false, dots: 2, availableMm: 50 });
		if (!misfit.ok) expect(formatMm(misfit.neededMm)).toBe('57.81 mm');
	});

	it('EAN-13 keeps its 11 + 7 quiet zones and its own floor', () => {
		expect(modulesWithQuietZones(95, 'EAN13')).toBe(113);
		expect(fitBarcode(95, 'EAN13', 50, 203)).toMatchObject({ ok: true, dots: 3 });
		expect(fitBarcode(95, 'EAN13', 25, 300).ok).toBe(false);
	});

	it('is always either the widest whole-dot fit or an honest refusal', () => {
		const dpi = fc.constantFrom<Dpi>(203, 300);
		const symbology = fc.constantFrom<Symbology>('CODE128', 'EAN13');
		fc.assert(
			fc.property(
				fc.integer({ min: 20, max: 600 }),
				fc.double({ min: 5, max: 250, noNaN: true }),
				symbology,
				dpi,
				(modules, available, sym, d) => {
					const fit = fitBarcode(modules, sym, available, d);
					const total = modulesWithQuietZones(modules, sym);
					if (fit.ok) {
						expect(Number.isInteger(fit.dots)).toBe(true);
						expect(fit.dots).toBeGreaterThanOrEqual(minDots(sym, d));
						expect(fit.dots).toBeLessThanOrEqual(maxDots(sym, d));
						expect(fit.widthMm).toBeLessThanOrEqual(available + 1e-6);
						if (fit.dots < maxDots(sym, d))
							expect(total * (fit.dots + 1) * dotMm(d)).toBeGreaterThan(available);
					} else {
						expect(fit.neededMm).toBeGreaterThan(available);
						expect(fit.dots).toBe(minDots(sym, d));
					}
				}
			)
		);
	});
});

describe('svgBox', () => {
	it('is a whole number of CSS px wide, one user unit a dot, quiet zones inside', () => {
		for (const dpi of PRINTER_DPIS) {
			for (const dots of [2, 3, 4]) {
				const box = svgBox(178, 'CODE128', dots, dpi);
				expect(Number.isInteger(box.widthPx)).toBe(true);
				// The px width holds exactly viewBoxWidth dots at 96 px an inch.
				expect((box.viewBoxWidth * 96) / dpi).toBeCloseTo(box.widthPx, 9);
				expect(box.viewBoxWidth).toBeGreaterThanOrEqual(198 * dots);
				expect(box.viewBoxWidth - 198 * dots).toBeLessThan(dpi / 96);
				expect(box.viewBoxX).toBe(-10 * dots);
			}
		}
	});
});
