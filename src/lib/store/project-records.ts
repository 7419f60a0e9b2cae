/**
 * Records kept as their event carried them: receipts, sales and refunds (by
 * id, the earliest by (clock, event id) wins: two with one id only come from
 * a hostile peer; their quantities in project-quantities.ts) and repair
 * tickets (the whole ticket, the last save wins, opened at the earliest).
 */
import { normaliseKey } from '$lib/domain/catalog';
import { hlcWall } from '$lib/domain/hlc';
import { isNewerSave } from '$lib/domain/ticket';
import type {
	LedgerEvent,
	QuantityReceived,
	RefundCompleted,
	SaleCompleted,
	StockReceived,
	TicketSaved
} from '$lib/domain/types';
import type { ReceiptRow, TicketRow } from './db';
import type { RecordRow } from './project-quantities';
import type { WorkingSet } from './working-set';

function receiptOf(e: StockReceived | QuantityReceived): ReceiptRow {
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
		quantity: serialised ? e.serials.length : e.quantity,
		...(serialised && e.lots ? { lots: e.lots } : {}),
		...(serialised && e.expiries ? { expiries: e.expiries } : {})
	};
}

function saleOf(e: SaleCompleted): RecordRow {
	const { type: _type, id, ...sale } = e;
	const row = {
		...sale,
		id: e.saleId,
		eventId: id,
		soldAt: hlcWall(e.at),
		customerKey: normaliseKey(e.customer.name)
	};
	return { table: 'sales', row };
}

function refundOf(e: RefundCompleted): RecordRow {
	const { type: _type, id, ...refund } = e;
	return {
		table: 'refunds',
		row: { ...refund, id: e.refundId, eventId: id, refundedAt: hlcWall(e.at) }
	};
}

/** The record row an event makes, if it makes one. */
export function recordOf(e: LedgerEvent): RecordRow | null {
	switch (e.type) {
		case 'stock.received':
		case 'stock.quantity_received':
			return { table: 'receipts', row: receiptOf(e) };
		case 'sale.completed':
			return saleOf(e);
		case 'refund.completed':
			return refundOf(e);
		default:
			return null;
	}
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
