/** What the projection of this store holds, for Settings > Maintenance. */
import type { UnitrackDb } from './db';

export interface HeldCounts {
	products: number;
	suppliers: number;
	units: number;
	receipts: number;
	sales: number;
	refunds: number;
	tickets: number;
	conflicts: number;
	refused: number;
}

export async function heldCounts(db: UnitrackDb): Promise<HeldCounts> {
	const [products, suppliers, units, receipts, sales, refunds, tickets, conflicts, refused] =
		await Promise.all([
			db.products.count(),
			db.suppliers.count(),
			db.units.count(),
			db.receipts.count(),
			db.sales.count(),
			db.refunds.count(),
			db.tickets.count(),
			db.conflicts.count(),
			db.rejected.count()
		]);
	return { products, suppliers, units, receipts, sales, refunds, tickets, conflicts, refused };
}

/** The events refused (malformed or hostile), newest key order, for the Maintenance list. */
export function refusedEvents(db: UnitrackDb, limit = 200) {
	return db.rejected.limit(limit).toArray();
}
