/**
 * Finding units by serial as staff type or scan it: letter case does not
 * count unless the unit's product says so (domain/serial-case.ts), through
 * the `serial` index itself (Dexie's ignore-case search walks the index,
 * jumping between casings), so no second key is kept on unit rows.
 */
import Dexie from 'dexie';
import { namesSerial, serialKey } from '$lib/domain/serial-case';
import type { ProductRow, UnitRow, UnitrackDb } from './db';

async function productsOf(
	db: UnitrackDb,
	units: readonly UnitRow[]
): Promise<Map<string, ProductRow | undefined>> {
	const ids = [...new Set(units.map((u) => u.productId))];
	const rows = await db.products.bulkGet(ids);
	return new Map(ids.map((id, i) => [id, rows[i]]));
}

/**
 * Units the serial names: exactly this serial, and on every product whose
 * serials ignore case, the same serial in another case.
 */
export async function unitsBySerial(db: UnitrackDb, serial: string): Promise<UnitRow[]> {
	if (serial === '') return [];
	const rows = await db.units.where('serial').equalsIgnoreCase(serial).toArray();
	if (rows.every((u) => u.serial === serial)) return rows;
	const products = await productsOf(db, rows);
	return rows.filter((u) => namesSerial(serial, u.serial, products.get(u.productId)));
}

/** Units whose serial starts with `prefix`, in any case, at most `limit`. */
export async function unitsBySerialPrefix(
	db: UnitrackDb,
	prefix: string,
	limit: number
): Promise<UnitRow[]> {
	if (prefix === '') return [];
	return db.units.where('serial').startsWithIgnoreCase(prefix).limit(limit).toArray();
}

export interface NearMatch {
	unit: UnitRow;
	product: ProductRow | undefined;
}

/**
 * Find's choices for a serial that names no one unit: units whose serial is
 * the text in another case or starts with it, exact ones first, each with
 * its product.
 */
export async function nearMatches(db: UnitrackDb, text: string, limit = 20): Promise<NearMatch[]> {
	const units = await unitsBySerialPrefix(db, text, limit);
	const products = await productsOf(db, units);
	const key = serialKey(text);
	const rank = (u: UnitRow) => (u.serial === text ? 0 : serialKey(u.serial) === key ? 1 : 2);
	return units
		.map((unit) => ({ unit, product: products.get(unit.productId) }))
		.sort((a, b) => rank(a.unit) - rank(b.unit));
}

/**
 * A product's serials by their case-free key (the serial as stored is the
 * value), or by the serial itself when case counts: for receiving, where a
 * serial already there in another case is the same unit.
 */
export async function serialsOfProduct(
	db: UnitrackDb,
	product: Pick<ProductRow, 'id' | 'exactSerialCase'>
): Promise<Map<string, string>> {
	const keys = await db.units
		.where('[productId+serial]')
		.between([product.id, Dexie.minKey], [product.id, Dexie.maxKey])
		.primaryKeys();
	const exact = product.exactSerialCase === true;
	return new Map(keys.map(([, serial]) => [exact ? serial : serialKey(serial), serial]));
}
