/**
 * Records kept as their event carried them: receipts, sales, refunds (by id,
 * the earliest by (clock, event id) wins: two with one id only come from a
 * hostile peer) and repair tickets (the whole ticket, last save wins). And
 * quantities on hand, the one effect that is not idempotent by itself: each
 * event's delta per product applies once, when its quantityEvents row is new.
 */
import { stockLines } from '$lib/domain/bundle';
import { normaliseKey } from '$lib/domain/catalog';
import { hlcWall } from '$lib/domain/hlc';
import { compareStamps } from '$lib/domain/stamp';
import { isNewerSave } from '$lib/domain/ticket';
import type {
	LedgerEvent,
	QuantityReceived,
	RefundCompleted,
	SaleCompleted,
	StockReceived,
	TicketSaved
} from '$lib/domain/types';
import type { ReceiptRow, RefundRow, SaleRow, TicketRow } from './db';
import { productRow } from './project-catalog';
import { quantityKey, type WorkingSet } from './working-set';

type RecordTable = 'receipts' | 'sales' | 'refunds';

/** Puts `row` unless a record with its id and an earlier (clock, event id) is held. */
function putEarliest(ws: WorkingSet, table: RecordTable, row: ReceiptRow | SaleRow | RefundRow) {
	const held = ws.get(table, row.id);
	if (held && compareStamps(held, row) <= 0) return;
	ws.put(table, row.id, row);
}

export function receiptOf(e: StockReceived | QuantityReceived): ReceiptRow {
	const serialised = e.type === 'stock.received';
	return {
		id: e.receiptId,
		eventId: e.id,
		productId: e.productId,
		supplierId: e.supplierId,
		reference: e.reference,
		unitCost: e.unitCost,
		warrantyDays: serialised ? e.warrantyDays : 0,
		method: serialised ? e.method : 'quantity',
		at: e.at,
		device: e.device,
		receivedAt: hlcWall(e.at),
		serials: serialised ? e.serials : [],
		quantity: serialised ? e.serials.length : e.quantity
	};
}

export function applyReceipt(ws: WorkingSet, e: StockReceived | QuantityReceived): void {
	putEarliest(ws, 'receipts', receiptOf(e));
}

export function applySale(ws: WorkingSet, e: SaleCompleted): void {
	const { type: _type, id, ...sale } = e;
	putEarliest(ws, 'sales', {
		...sale,
		id: e.saleId,
		eventId: id,
		soldAt: hlcWall(e.at),
		customerKey: normaliseKey(e.customer.name)
	});
}

export function applyRefund(ws: WorkingSet, e: RefundCompleted): void {
	const { type: _type, id, ...refund } = e;
	putEarliest(ws, 'refunds', { ...refund, id: e.refundId, eventId: id, refundedAt: hlcWall(e.at) });
}

/** The whole ticket, last writer wins; opened at its earliest save, whichever arrives first. */
export function applyTicket(ws: WorkingSet, e: TicketSaved): void {
	const { type: _type, id, ...ticket } = e;
	const held = ws.get('tickets', e.ticketId);
	const newer = isNewerSave({ at: e.at, eventId: id }, held);
	const openedAt = held && held.openedAt < e.at ? held.openedAt : e.at;
	if (held && !newer && openedAt === held.openedAt) return;
	const base =
		newer || !held ? { ...ticket, eventId: id, customerKey: normaliseKey(e.customer.name) } : held;
	const row: TicketRow = { ...base, id: e.ticketId, openedAt, openedAtMs: hlcWall(openedAt) };
	ws.put('tickets', e.ticketId, row);
}

/** The quantity deltas of a batch, by event and product. */
export class Quantities {
	private readonly deltas = new Map<
		string,
		{ eventId: string; productId: string; delta: number }
	>();

	/**
	 * What `e` moves on hand. Serialised units move by their own units.changed
	 * events; quantities here, a bundle's through its components (it holds
	 * no stock itself). Every sale or refund event counts, also a second one
	 * with a held id (a hostile peer's): what counts is per event, so it does
	 * not depend on which of the two arrived first.
	 */
	addEvent(e: LedgerEvent): void {
		if (e.type === 'stock.quantity_received') this.add(e.id, e.productId, e.quantity);
		else if (e.type === 'sale.completed') {
			for (const line of stockLines(e.lines))
				if (line.serials.length === 0) this.add(e.id, line.productId, -line.quantity);
		} else if (e.type === 'refund.completed') {
			for (const line of stockLines(e.lines))
				if (line.serials.length === 0 && line.condition === 'stock')
					this.add(e.id, line.productId, line.quantity);
		}
	}

	add(eventId: string, productId: string, delta: number): void {
		const key = quantityKey(eventId, productId);
		const held = this.deltas.get(key);
		if (held) held.delta += delta;
		else this.deltas.set(key, { eventId, productId, delta });
	}

	/** Asks the working set for the rows the deltas need. */
	want(ws: WorkingSet): void {
		for (const [key, { productId }] of this.deltas) {
			ws.want('quantityEvents', key);
			ws.want('products', productId);
		}
	}

	/**
	 * Applies each delta whose row is new. A covered event (its effect is in
	 * rows installed from a checkpoint) gets its row and no delta, so that the
	 * rows come out as they would have from the whole log.
	 */
	settle(ws: WorkingSet, covered: (eventId: string) => boolean): void {
		const onHand = new Map<string, number>();
		for (const [key, row] of this.deltas) {
			if (ws.get('quantityEvents', key)) continue;
			ws.put('quantityEvents', key, { ...row });
			if (!covered(row.eventId))
				onHand.set(row.productId, (onHand.get(row.productId) ?? 0) + row.delta);
		}
		for (const [productId, delta] of onHand) {
			const product = productRow(ws, productId);
			ws.put('products', productId, { ...product, quantityOnHand: product.quantityOnHand + delta });
		}
	}
}
