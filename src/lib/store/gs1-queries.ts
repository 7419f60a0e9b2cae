/**
 * What a scanned GS1 code names on this device: the unit of (the product
 * with the code's GTIN, the code's serial), or with no serial in the code
 * the product. A product's GTIN is its barcode field, written as GTIN-8,
 * -12, -13 or -14.
 */
import { gtinForms } from '$lib/domain/gs1-check';
import { parseGs1 } from '$lib/domain/gs1';
import type { ProductRow, UnitRow, UnitrackDb } from './db';

/** Products whose barcode is this GTIN (14 digits) in any of its forms: one indexed look-up. */
export async function productsByGtin(db: UnitrackDb, gtin14: string): Promise<ProductRow[]> {
	const rows = await db.products.where('barcode').anyOf(gtinForms(gtin14)).toArray();
	return rows.filter((p) => p.name !== '');
}

export interface Gs1Matches {
	units: UnitRow[];
	products: ProductRow[];
	serial: string;
	problem?: string;
}

/** Null when `code` is not a GS1 code; else what it names, or the problem (and nothing). */
export async function gs1Matches(
	db: UnitrackDb,
	code: string,
	today: Date
): Promise<Gs1Matches | null> {
	const parsed = parseGs1(code, today);
	if (!parsed) return null;
	const none = (problem: string, serial = ''): Gs1Matches => ({
		units: [],
		products: [],
		serial,
		problem
	});
	if (!parsed.ok) return none(`${parsed.reason}.`);
	const { gtin, serial } = parsed.data;
	if (!gtin) return none('This GS1 code has no GTIN (01), so it names no product.', serial ?? '');
	// Both look-ups at once, as for a plain serial (queries.ts scanMatches): one round trip.
	const [products, withSerial] = await Promise.all([
		productsByGtin(db, gtin),
		serial === null ? [] : db.units.where('serial').equals(serial).toArray()
	]);
	if (products.length === 0)
		return none(`No product has GTIN ${gtin} on this device.`, serial ?? '');
	if (serial === null) return { units: [], products, serial: '' };
	const units = withSerial.filter((u) => products.some((p) => p.id === u.productId));
	if (units.length === 0) {
		const names = products.map((p) => p.name).join(' or ');
		return none(`Serial ${serial} is not a unit of ${names} (GTIN ${gtin}).`, serial);
	}
	return { units, products: [], serial };
}
