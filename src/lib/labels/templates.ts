/**
 * The label stock Unitrack prints on, as sold: thermal rolls with one label
 * a page, and sheets of labels for office printers. All lengths are in mm
 * (inch stock converted exactly, 1 in = 25.4 mm); CSS prints them at true
 * size.
 *
 * Sheet geometry is the manufacturer's:
 * - A4 3 × 8: Avery Zweckform 3474, 70 × 37 mm, 24 a sheet, no gaps; the
 *   labels run edge to edge across the 210 mm (3 × 70) and leave 0.5 mm at
 *   the top and bottom (8 × 37 = 296 of 297 mm).
 * - US Letter 3 × 10: Avery 5160/8160, 2⅝ × 1 in, 30 a sheet; side margins
 *   3⁄16 in, top margin ½ in, ⅛ in between columns, none between rows.
 */

export type TemplateId = 'roll-50x25' | 'roll-225x125' | 'a4-3x8' | 'letter-3x10';

export interface LabelTemplate {
	id: TemplateId;
	name: string;
	kind: 'roll' | 'sheet';
	/** The CSS `@page` size, in the units the stock is sold in. */
	pageCss: string;
	pageMm: Size;
	labelMm: Size;
	cornerMm: number;
	columns: number;
	rows: number;
	/** Top-left corner of the first label on the page. */
	firstMm: Point;
	/** From one label's top-left corner to the next one's, across and down. */
	pitchMm: Point;
	/**
	 * How far inside the label's left and right edges the barcode's quiet
	 * zones must stay. 0 on rolls (the label is the page, and calibration
	 * puts the print on it); on the A4 sheet the outer labels touch the
	 * paper's edge, where office printers do not print.
	 */
	barcodeEdgeMm: number;
	/** How far inside the label's edges the text stays. */
	paddingMm: Point;
	/** Type sizes in points, and how many lines the product name may take. */
	type: { namePt: number; serialPt: number; smallPt: number; nameLines: number };
}

export interface Size {
	width: number;
	height: number;
}

export interface Point {
	x: number;
	y: number;
}

const INCH = 25.4;

export const TEMPLATES: readonly LabelTemplate[] = [
	{
		id: 'roll-50x25',
		name: 'Thermal roll 50 × 25 mm',
		kind: 'roll',
		pageCss: '50mm 25mm',
		pageMm: { width: 50, height: 25 },
		labelMm: { width: 50, height: 25 },
		cornerMm: 1.5,
		columns: 1,
		rows: 1,
		firstMm: { x: 0, y: 0 },
		pitchMm: { x: 50, y: 25 },
		barcodeEdgeMm: 0,
		paddingMm: { x: 1.5, y: 1.2 },
		type: { namePt: 7, serialPt: 8, smallPt: 6, nameLines: 1 }
	},
	{
		id: 'roll-225x125',
		name: 'Thermal roll 2.25 × 1.25 in',
		kind: 'roll',
		pageCss: '2.25in 1.25in',
		pageMm: { width: 2.25 * INCH, height: 1.25 * INCH },
		labelMm: { width: 2.25 * INCH, height: 1.25 * INCH },
		cornerMm: 1.5,
		columns: 1,
		rows: 1,
		firstMm: { x: 0, y: 0 },
		pitchMm: { x: 2.25 * INCH, y: 1.25 * INCH },
		barcodeEdgeMm: 0,
		paddingMm: { x: 1.5, y: 1.5 },
		type: { namePt: 8, serialPt: 9, smallPt: 6.5, nameLines: 2 }
	},
	{
		id: 'a4-3x8',
		name: 'A4 sheet 3 × 8 (70 × 37 mm)',
		kind: 'sheet',
		pageCss: 'A4',
		pageMm: { width: 210, height: 297 },
		labelMm: { width: 70, height: 37 },
		cornerMm: 0,
		columns: 3,
		rows: 8,
		firstMm: { x: 0, y: 0.5 },
		pitchMm: { x: 70, y: 37 },
		barcodeEdgeMm: 1.5,
		paddingMm: { x: 5, y: 3.5 },
		type: { namePt: 9, serialPt: 10, smallPt: 7, nameLines: 2 }
	},
	{
		id: 'letter-3x10',
		name: 'US Letter sheet 3 × 10 (2.625 × 1 in)',
		kind: 'sheet',
		pageCss: 'letter',
		pageMm: { width: 8.5 * INCH, height: 11 * INCH },
		labelMm: { width: 2.625 * INCH, height: 1 * INCH },
		cornerMm: 0.0625 * INCH,
		columns: 3,
		rows: 10,
		firstMm: { x: 0.1875 * INCH, y: 0.5 * INCH },
		pitchMm: { x: 2.75 * INCH, y: 1 * INCH },
		barcodeEdgeMm: 0.5,
		paddingMm: { x: 2, y: 1.2 },
		type: { namePt: 7.5, serialPt: 8.5, smallPt: 6, nameLines: 1 }
	}
];

export const DEFAULT_TEMPLATE: TemplateId = 'roll-50x25';

export function templateById(id: string): LabelTemplate | undefined {
	return TEMPLATES.find((t) => t.id === id);
}

export function isTemplateId(id: unknown): id is TemplateId {
	return typeof id === 'string' && templateById(id) !== undefined;
}

export function labelsPerPage(template: LabelTemplate): number {
	return template.columns * template.rows;
}

/** Top-left corner of label position `slot` (0-based, across then down) on its page. */
export function slotOrigin(template: LabelTemplate, slot: number): Point {
	const column = slot % template.columns;
	const row = Math.floor(slot / template.columns);
	return {
		x: template.firstMm.x + column * template.pitchMm.x,
		y: template.firstMm.y + row * template.pitchMm.y
	};
}

/** The width the barcode and its quiet zones may take on one label. */
export function barcodeWidthMm(template: LabelTemplate): number {
	return template.labelMm.width - 2 * template.barcodeEdgeMm;
}

/**
 * The side a GS1 DataMatrix and its quiet zone may take: it stands at the
 * label's left, as tall as the label inside its padding, and leaves at
 * least half the width to the text beside it.
 */
export function matrixSideMm(template: LabelTemplate): number {
	return Math.min(template.labelMm.height - 2 * template.paddingMm.y, barcodeWidthMm(template) / 2);
}

/** The room a symbol of `symbology` has on one label: width for a linear one, the side for a matrix. */
export function symbolRoomMm(template: LabelTemplate, matrix: boolean): number {
	return matrix ? matrixSideMm(template) : barcodeWidthMm(template);
}
