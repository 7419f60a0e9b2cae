/**
 * What each label says: unit labels (one per serial) and product labels
 * (for products counted by quantity). Plain data; the label component
 * renders it as text, so a product name is never read as markup.
 */
import { elementProblem, gs1Hri, unitGs1Elements } from '$lib/domain/gs1';
import { normaliseGtin } from '$lib/domain/gs1-check';
import type { Symbology } from './barcode-fit';
import { productLabelCode } from './product-code';

export interface LabelProduct {
	id: string;
	name: string;
	stockCode: string;
	barcode: string;
	/** Minor units (cents). */
	price: number;
}

/** The optional lines a label carries, chosen on the label screen. */
export interface LabelFields {
	price: boolean;
	stockCode: boolean;
	storeName: boolean;
}

export interface LabelItem {
	/** Unique within one print job. */
	key: string;
	title: string;
	/** The human-readable line under the barcode. */
	text: string;
	code: string;
	symbology: Symbology;
	price: string | null;
	stockCode: string | null;
	store: string | null;
	/** A GS1 label's text beside the symbol, one AI a line: "(01) 09506000134352". */
	gs1Lines?: string[];
	/** Why this label cannot be printed at all (reported before printing, left out). */
	problem?: string;
}

interface Extras {
	price: string | null;
	stockCode: string | null;
	store: string | null;
}

function extras(
	product: LabelProduct,
	fields: LabelFields,
	storeName: string,
	formatPrice: (minor: number) => string
): Extras {
	const store = storeName.trim();
	const stockCode = product.stockCode.trim();
	return {
		price: fields.price ? formatPrice(product.price) : null,
		stockCode: fields.stockCode && stockCode ? stockCode : null,
		store: fields.storeName && store ? store : null
	};
}

/** One label per serial, in the order given. */
export function unitLabelItems(
	product: LabelProduct,
	serials: readonly string[],
	fields: LabelFields,
	storeName: string,
	formatPrice: (minor: number) => string
): LabelItem[] {
	const common = extras(product, fields, storeName, formatPrice);
	return serials.map((serial) => ({
		key: serial,
		title: product.name,
		text: serial,
		code: serial,
		symbology: 'CODE128',
		...common
	}));
}

/** A unit's lot and expiry ('YYYY-MM-DD'), as its receipt recorded them. */
export type LotExpiryOf = (serial: string) => { lot?: string; expiry?: string };

/**
 * One GS1 DataMatrix label per serial: the product's GTIN (its barcode
 * field), the serial, and the lot and expiry when known. A product without
 * a GTIN, or a serial GS1 cannot carry (AI 21: at most 20 of its 82
 * characters), makes a label with the problem, left out before printing.
 */
export function gs1UnitLabelItems(
	product: LabelProduct,
	serials: readonly string[],
	lotExpiryOf: LotExpiryOf,
	fields: LabelFields,
	storeName: string,
	formatPrice: (minor: number) => string
): LabelItem[] {
	const common = extras(product, fields, storeName, formatPrice);
	const gtin = normaliseGtin(product.barcode);
	const today = new Date();
	return serials.map((serial) => {
		const { lot, expiry } = lotExpiryOf(serial);
		const elements = unitGs1Elements({ gtin: gtin ?? '', serial, lot, expiry });
		const why = gtin
			? (elements.map((e) => elementProblem(e.ai, e.value, today)).find((p) => p !== null) ??
				bracketProblem(elements))
			: `${product.name} has no GTIN in its barcode field (GTIN-8, -12, -13 or -14)`;
		const problem = why && `cannot be printed as GS1 DataMatrix: ${lowerFirst(why)}`;
		return {
			key: serial,
			title: product.name,
			text: serial,
			code: gs1Hri(elements),
			symbology: 'GS1DATAMATRIX',
			gs1Lines: elements.map((e) => `(${e.ai}) ${e.value}`),
			...(problem ? { problem } : {}),
			...common
		};
	});
}

function lowerFirst(text: string): string {
	// "The serial number (21) …" reads on after a colon; a product name keeps its case.
	return /^The /.test(text) ? `t${text.slice(1)}` : text;
}

/** The symbol is made from the bracketed text, which cannot hold a bracket inside a value. */
function bracketProblem(elements: readonly { ai: string; value: string }[]): string | undefined {
	const bad = elements.find((e) => /[()]/.test(e.value));
	return (
		bad &&
		`its ${bad.ai === '10' ? 'lot' : 'serial'} “${bad.value}” has a bracket, which a GS1 DataMatrix label here cannot print`
	);
}

/**
 * `count` labels carrying the product's barcode; empty when the product has
 * no barcode or stock code a label can carry.
 */
export function productLabelItems(
	product: LabelProduct,
	count: number,
	fields: LabelFields,
	storeName: string,
	formatPrice: (minor: number) => string
): LabelItem[] {
	const code = productLabelCode(product);
	if (!code) return [];
	const common = extras(product, fields, storeName, formatPrice);
	return Array.from({ length: count }, (_, i) => ({
		key: `${product.id}#${i + 1}`,
		title: product.name,
		text: code.code,
		code: code.code,
		symbology: code.symbology,
		...common
	}));
}

const MM_PER_PT = 25.4 / 72;
/** Advance of one character of a monospace face, in em (ui-monospace and its fallbacks: 0.6). */
const MONO_ADVANCE_EM = 0.6;
export const MIN_TEXT_PT = 5;

/**
 * The type size that fits `text` (monospace) on one line of `widthMm`,
 * at most `maxPt` and at least MIN_TEXT_PT (below that it wraps).
 */
export function monoTextPt(text: string, widthMm: number, maxPt: number): number {
	const fits = widthMm / (Math.max(text.length, 1) * MONO_ADVANCE_EM * MM_PER_PT);
	return Math.max(MIN_TEXT_PT, Math.min(maxPt, Math.floor(fits * 10) / 10));
}
