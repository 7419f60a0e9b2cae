import { describe, expect, it } from 'vitest';
import {
	barcodeWidthMm,
	isTemplateId,
	labelsPerPage,
	slotOrigin,
	templateById,
	TEMPLATES
} from './templates';

const PT = 25.4 / 72;
const LINE = 1.15;

describe('label templates', () => {
	it('has the four stocks, each with a unique id', () => {
		expect(TEMPLATES.map((t) => t.id)).toEqual([
			'roll-50x25',
			'roll-225x125',
			'a4-3x8',
			'letter-3x10'
		]);
		expect(isTemplateId('a4-3x8')).toBe(true);
		expect(isTemplateId('a5')).toBe(false);
		expect(templateById('letter-3x10')?.name).toBe('US Letter sheet 3 × 10 (2.625 × 1 in)');
	});

	it('rolls are one label a page, the label being the page', () => {
		for (const t of TEMPLATES.filter((t) => t.kind === 'roll')) {
			expect(labelsPerPage(t)).toBe(1);
			expect(t.labelMm).toEqual(t.pageMm);
			expect(slotOrigin(t, 0)).toEqual({ x: 0, y: 0 });
		}
		expect(templateById('roll-225x125')?.pageMm.width).toBeCloseTo(57.15, 9);
		expect(templateById('roll-225x125')?.pageMm.height).toBeCloseTo(31.75, 9);
	});

	it('A4 3 × 8 is Zweckform 3474: 70 × 37 mm, edge to edge, 0.5 mm top', () => {
		const t = templateById('a4-3x8')!;
		expect(labelsPerPage(t)).toBe(24);
		expect(slotOrigin(t, 0)).toEqual({ x: 0, y: 0.5 });
		expect(slotOrigin(t, 2)).toEqual({ x: 140, y: 0.5 });
		expect(slotOrigin(t, 3)).toEqual({ x: 0, y: 37.5 });
		const last = slotOrigin(t, 23);
		expect(last.x + t.labelMm.width).toBeCloseTo(210, 9);
		expect(last.y + t.labelMm.height).toBeCloseTo(296.5, 9);
	});

	it('Letter 3 × 10 is Avery 5160: 3/16 in sides, 1/2 in top, 1/8 in gutters', () => {
		const t = templateById('letter-3x10')!;
		const inch = (n: number) => n * 25.4;
		expect(labelsPerPage(t)).toBe(30);
		expect(slotOrigin(t, 1).x).toBeCloseTo(inch(0.1875 + 2.75), 9);
		const last = slotOrigin(t, 29);
		expect(last.x + t.labelMm.width).toBeCloseTo(inch(8.5 - 0.1875), 9);
		expect(last.y + t.labelMm.height).toBeCloseTo(inch(10.5), 9);
	});

	it('every label lies on its page', () => {
		for (const t of TEMPLATES) {
			for (let slot = 0; slot < labelsPerPage(t); slot++) {
				const { x, y } = slotOrigin(t, slot);
				expect(x).toBeGreaterThanOrEqual(0);
				expect(y).toBeGreaterThanOrEqual(0);
				expect(x + t.labelMm.width).toBeLessThanOrEqual(t.pageMm.width + 1e-9);
				expect(y + t.labelMm.height).toBeLessThanOrEqual(t.pageMm.height + 1e-9);
			}
		}
	});

	it('leaves the bars at least 6.35 mm of height with every optional line on', () => {
		for (const t of TEMPLATES) {
			const text =
				(t.type.smallPt /* store */ +
					t.type.namePt * t.type.nameLines +
					t.type.serialPt +
					t.type.smallPt) *
				PT *
				LINE;
			const bars = t.labelMm.height - 2 * t.paddingMm.y - text - 1.2;
			expect(bars, t.id).toBeGreaterThanOrEqual(6.35);
		}
	});

	it('the barcode area is the label less its edges', () => {
		expect(barcodeWidthMm(templateById('roll-50x25')!)).toBe(50);
		expect(barcodeWidthMm(templateById('a4-3x8')!)).toBe(67);
	});
});
