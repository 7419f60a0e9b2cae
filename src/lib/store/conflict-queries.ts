/** The reads of the Conflicts page. */
import type { ConflictRow, ProductRow, UnitRow, UnitrackDb } from './db';

export interface UnitConflicts {
	unit: UnitRow;
	product: ProductRow | undefined;
	/** Open conflicts of the unit, oldest first. */
	conflicts: ConflictRow[];
}

/** Every unit with open conflicts, the unit whose first conflict is oldest first. */
export async function openConflicts(db: UnitrackDb): Promise<UnitConflicts[]> {
	const rows = await db.conflicts.orderBy('at').toArray();
	const byUnit = new Map<string, ConflictRow[]>();
	for (const row of rows) {
		const key = JSON.stringify([row.productId, row.serial]);
		byUnit.set(key, [...(byUnit.get(key) ?? []), row]);
	}
	const keys = [...byUnit.keys()].map((k) => JSON.parse(k) as [string, string]);
	const [units, products] = await Promise.all([
		db.units.bulkGet(keys),
		db.products.bulkGet([...new Set(keys.map((k) => k[0]))])
	]);
	const productById = new Map(products.filter((p) => p !== undefined).map((p) => [p.id, p]));
	const out: UnitConflicts[] = [];
	keys.forEach((key, i) => {
		const unit = units[i];
		if (unit)
			out.push({
				unit,
				product: productById.get(key[0]),
				conflicts: byUnit.get(JSON.stringify(key)) ?? []
			});
	});
	return out;
}
