/** The shape of a checkpoint (see checkpoint.ts), shared by its builder and its check. */
import type {
	ConflictRow,
	ProductRow,
	ReceiptRow,
	SettingsRow,
	SupplierRow,
	TicketRow,
	UnitRow,
	UnitRowStatus
} from './db';

export interface CheckpointRows {
	/** The PROJECTION_SCHEMA of the rows. */
	schema: number;
	products: ProductRow[];
	suppliers: SupplierRow[];
	settings: SettingsRow[];
	units: UnitRow[];
	receipts: ReceiptRow[];
	conflicts: ConflictRow[];
	tickets: TicketRow[];
}

/** The statuses of the units a checkpoint leaves out. */
export const LEFT_OUT: readonly UnitRowStatus[] = ['sold', 'written_off'];

/** Units by status, per product. */
export function countsOf(units: readonly UnitRow[]): Map<string, ProductRow['counts']> {
	const counts = new Map<string, ProductRow['counts']>();
	for (const unit of units) {
		let byStatus = counts.get(unit.productId);
		if (!byStatus) counts.set(unit.productId, (byStatus = {}));
		byStatus[unit.status] = (byStatus[unit.status] ?? 0) + 1;
	}
	return counts;
}
