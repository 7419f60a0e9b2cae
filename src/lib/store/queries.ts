/** The reads the screens make. Every one is cheap enough to run inside a liveQuery. */
import Dexie from 'dexie';
import { normaliseKey } from '$lib/domain/catalog';
import { gs1Matches } from './gs1-queries';
import { unitsBySerial, unitsBySerialPrefix } from './serial-queries';
import type { ProductRow, ReceiptRow, SupplierRow, UnitRow, UnitrackDb, UnitRowStatus } from './db';

export interface StockLine {
	product: ProductRow;
	onHand: number;
	/** Serials that matched the search, when the search was a serial. */
	matchedSerials: string[];
}

export function onHand(product: ProductRow): number {
	return product.serialised ? (product.counts.in_stock ?? 0) : product.quantityOnHand;
}

const SERIAL_MATCH_LIMIT = 20;

export async function stockLines(db: UnitrackDb, search: string): Promise<StockLine[]> {
	const products = await db.products.orderBy('nameKey').toArray();
	const term = search.trim();
	if (!term)
		return products
			.filter(isNamed)
			.map((p) => ({ product: p, onHand: onHand(p), matchedSerials: [] }));
	const key = normaliseKey(term);
	const serialHits = await unitsBySerialPrefix(db, term, SERIAL_MATCH_LIMIT);
	const bySerial = new Map<string, string[]>();
	for (const u of serialHits)
		bySerial.set(u.productId, [...(bySerial.get(u.productId) ?? []), u.serial]);
	return products
		.filter(isNamed)
		.filter(
			(p) =>
				p.nameKey.includes(key) ||
				p.stockCodeKey.includes(key) ||
				p.barcode === term ||
				bySerial.has(p.id)
		)
		.map((p) => ({ product: p, onHand: onHand(p), matchedSerials: bySerial.get(p.id) ?? [] }));
}

/** A product row exists before its catalog event when a peer's receipt arrives first. */
export function isNamed(p: Pick<ProductRow, 'name'>): boolean {
	return p.name !== '';
}

/** Products whose barcode (EAN/UPC on the box) is exactly `code`. */
export async function productsByBarcode(db: UnitrackDb, code: string): Promise<ProductRow[]> {
	return (await db.products.where('barcode').equals(code).toArray()).filter(isNamed);
}

/** Products whose stock code is `code`, ignoring case and surrounding spaces. */
export async function productsByStockCode(db: UnitrackDb, code: string): Promise<ProductRow[]> {
	return (await db.products.where('stockCodeKey').equals(normaliseKey(code)).toArray()).filter(
		isNamed
	);
}

export interface ScanMatches {
	units: UnitRow[];
	products: ProductRow[];
	/** The serial the code names: the code itself, or a GS1 code's serial (21). */
	serial: string;
	/** Why a GS1 code names nothing (unreadable, unknown GTIN, not a unit of it); then nothing matches. */
	problem?: string;
}

/**
 * What a scanned code names: units with that serial, else products with that
 * barcode or stock code. One indexed lookup each, run together. A GS1 code
 * names the unit of the product with its GTIN that has its serial, or (with
 * no serial) the product (gs1-queries.ts).
 */
export async function scanMatches(
	db: UnitrackDb,
	code: string,
	today: Date = new Date()
): Promise<ScanMatches> {
	const gs1 = await gs1Matches(db, code, today);
	if (gs1) return gs1;
	const [units, byBarcode, byStockCode] = await Promise.all([
		unitsBySerial(db, code),
		productsByBarcode(db, code),
		productsByStockCode(db, code)
	]);
	const products = [
		...byBarcode,
		...byStockCode.filter((p) => !byBarcode.some((b) => b.id === p.id))
	];
	return { units, products, serial: code };
}

export interface UnitPage {
	rows: UnitRow[];
	total: number;
}

/** A product's units for its Stock Info tab, filtered by status and serial prefix. */
export async function productUnits(
	db: UnitrackDb,
	productId: string,
	opts: { status: UnitRowStatus | ''; search: string; limit: number }
): Promise<UnitPage> {
	const term = opts.search.trim();
	if (opts.status && opts.status !== 'in_stock' && !term) {
		const where = db.units.where('[productId+unlessInStock]').equals([productId, opts.status]);
		return { rows: await where.clone().limit(opts.limit).toArray(), total: await where.count() };
	}
	if (!term) {
		let where = db.units
			.where('[productId+serial]')
			.between([productId, Dexie.minKey], [productId, Dexie.maxKey]);
		if (opts.status) where = where.filter((u) => u.status === opts.status);
		const rows = await where.clone().limit(opts.limit).toArray();
		// In-stock units are not in the status index; the product row counts them.
		if (opts.status === 'in_stock')
			return { rows, total: (await db.products.get(productId))?.counts.in_stock ?? 0 };
		return { rows, total: await where.count() };
	}
	// Letter case does not count (serial-case.ts): the prefix as typed, in capitals and in
	// small letters, each a range of the product's serials (disjoint: the prefixes differ).
	const ranges = [...new Set([term, term.toUpperCase(), term.toLowerCase()])].map((prefix) => {
		const where = db.units
			.where('[productId+serial]')
			.between([productId, prefix], [productId, prefix + '\uffff'], true, true);
		return opts.status ? where.filter((u) => u.status === opts.status) : where;
	});
	const [rows, counts] = await Promise.all([
		Promise.all(ranges.map((r) => r.clone().limit(opts.limit).toArray())),
		Promise.all(ranges.map((r) => r.count()))
	]);
	return {
		rows: rows
			.flat()
			.sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0))
			.slice(0, opts.limit),
		total: counts.reduce((a, b) => a + b, 0)
	};
}

export async function suppliersByName(db: UnitrackDb): Promise<SupplierRow[]> {
	return (await db.suppliers.orderBy('nameKey').toArray()).filter((s) => s.name !== '');
}

export async function productsByName(db: UnitrackDb): Promise<ProductRow[]> {
	return (await db.products.orderBy('nameKey').toArray()).filter(isNamed);
}

export interface UnitDetail {
	unit: UnitRow;
	product: ProductRow | undefined;
	supplier: SupplierRow | undefined;
}

/**
 * A unit with its product and supplier. The receipt is read apart
 * (`receiptOf`): its row carries every serial of the batch, up to 100,000,
 * and the unit page must not wait for that copy before it shows.
 */
export async function unitDetail(
	db: UnitrackDb,
	productId: string,
	serial: string
): Promise<UnitDetail | null> {
	const unit = await db.units.get([productId, serial]);
	if (!unit) return null;
	const [product, supplier] = await Promise.all([
		db.products.get(productId),
		unit.supplierId ? db.suppliers.get(unit.supplierId) : undefined
	]);
	return { unit, product, supplier };
}

export async function receiptOf(
	db: UnitrackDb,
	receiptId: string | null
): Promise<ReceiptRow | undefined> {
	return receiptId ? db.receipts.get(receiptId) : undefined;
}

export async function stockCodeTaken(
	db: UnitrackDb,
	stockCode: string,
	exceptId: string | null
): Promise<boolean> {
	const rows = await db.products.where('stockCodeKey').equals(normaliseKey(stockCode)).toArray();
	return rows.some((p) => p.id !== exceptId);
}

export async function conflictCount(db: UnitrackDb): Promise<number> {
	return db.conflicts.count();
}
