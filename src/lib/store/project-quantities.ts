/**
 * Quantities on hand: the one effect of the log that is not idempotent by
 * itself. What an event moves (a quantity receipt, a sale's or refund's lines
 * without serials, a bundle's through its components) must count once.
 *
 * The record row is the guard of the event it holds: a receipt, sale or
 * refund row names its event, so that event's quantities have counted. The
 * rare other event with the same record id (only a hostile peer makes one),
 * the one that lost, or the one an earlier event displaced, gets a
 * quantityEvents row per product instead. So "this event's delta counted"
 * is: its record names it, or its quantityEvents rows exist; and whatever
 * the order, every event counts once and the same rows come out.
 */
import { stockLines } from '$lib/domain/bundle';
import { compareStamps } from '$lib/domain/stamp';
import type { ReceiptRow, RefundRow, SaleRow } from './db';
import { productRow } from './project-catalog';
import { quantityKey, type WorkingSet } from './working-set';

/** Says which events are already reflected in rows installed from a checkpoint. */
export type Coverage = (eventId: string) => boolean;

export type RecordRow =
	| { table: 'receipts'; row: ReceiptRow }
	| { table: 'sales'; row: SaleRow }
	| { table: 'refunds'; row: RefundRow };

/** What a record moves on hand, by product. */
export function deltasOf(record: RecordRow): Map<string, number> {
	const deltas = new Map<string, number>();
	const add = (productId: string, n: number) =>
		deltas.set(productId, (deltas.get(productId) ?? 0) + n);
	if (record.table === 'receipts') {
		if (record.row.method === 'quantity') add(record.row.productId, record.row.quantity);
	} else if (record.table === 'sales') {
		// Serialised units move by their own facts; a bundle through its components.
		for (const line of stockLines(record.row.lines))
			if (line.serials.length === 0) add(line.productId, -line.quantity);
	} else {
		for (const line of stockLines(record.row.lines))
			if (line.serials.length === 0 && line.condition === 'stock')
				add(line.productId, line.quantity);
	}
	return deltas;
}

export class Quantities {
	private readonly onHand = new Map<string, number>();

	constructor(private readonly covered: Coverage) {}

	/** Asks for the rows that deciding `record`'s quantities needs. */
	static want(ws: WorkingSet, record: RecordRow): void {
		ws.want(record.table, record.row.id);
		for (const productId of deltasOf(record).keys()) {
			ws.want('quantityEvents', quantityKey(record.row.eventId, productId));
			ws.want('products', productId);
		}
	}

	/**
	 * Puts the record unless one with its id and an earlier (clock, event id)
	 * is held, and counts its event's quantities if they have not counted.
	 * A covered event (its effect is in rows from a checkpoint) counts none.
	 */
	record(ws: WorkingSet, record: RecordRow): void {
		const { table, row } = record;
		const held = ws.get(table, row.id);
		const deltas = deltasOf(record);
		const seen = held?.eventId === row.eventId || this.isGuarded(ws, row.eventId, deltas);
		if (!seen && !this.covered(row.eventId))
			for (const [productId, n] of deltas)
				this.onHand.set(productId, (this.onHand.get(productId) ?? 0) + n);
		if (held?.eventId === row.eventId) return;
		if (held && compareStamps(held, row) <= 0) {
			if (!seen) this.guard(ws, row.eventId, deltas);
			return;
		}
		ws.put(table, row.id, row);
		if (held) this.guard(ws, held.eventId, deltasOf({ table, row: held } as RecordRow));
	}

	private isGuarded(ws: WorkingSet, eventId: string, deltas: Map<string, number>): boolean {
		const [productId] = deltas.keys();
		return (
			productId !== undefined &&
			ws.get('quantityEvents', quantityKey(eventId, productId)) !== undefined
		);
	}

	private guard(ws: WorkingSet, eventId: string, deltas: Map<string, number>): void {
		for (const [productId, delta] of deltas)
			ws.put('quantityEvents', quantityKey(eventId, productId), { eventId, productId, delta });
	}

	/** Moves each product's quantity on hand by what counted in the batch. */
	settle(ws: WorkingSet): void {
		for (const [productId, delta] of this.onHand) {
			// A product first heard of here gets its row even when the batch nets to 0.
			if (delta === 0 && ws.get('products', productId)) continue;
			const product = productRow(ws, productId);
			ws.put('products', productId, { ...product, quantityOnHand: product.quantityOnHand + delta });
		}
	}
}
