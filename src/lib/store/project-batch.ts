/**
 * One batch of valid events applied to a working set: every row the batch
 * can touch is read first (one bulkGet per table), the events are applied
 * in memory, and the working set writes each changed row once. A single
 * append and a rebuild's month of history take this one path.
 */
import { SETTINGS_ID } from '$lib/domain/catalog';
import type { LedgerEvent } from '$lib/domain/types';
import type { UnitrackDb } from './db';
import { applyProduct, applySettings, applySupplier } from './project-catalog';
import { applyReceipt, applyRefund, applySale, applyTicket, Quantities } from './project-records';
import { UnitFacts } from './project-units';
import type { WorkingSet } from './working-set';

/** Says which events are already reflected in rows installed from a checkpoint. */
export type Coverage = (eventId: string) => boolean;

export const NOTHING_COVERED: Coverage = () => false;

/** What a batch will change, worked out from its events alone. */
interface Plan {
	events: readonly LedgerEvent[];
	units: UnitFacts;
	quantities: Quantities;
}

function plan(ws: WorkingSet, events: readonly LedgerEvent[]): Plan {
	const units = new UnitFacts();
	const quantities = new Quantities();
	for (const e of events) {
		units.addEvent(e);
		quantities.addEvent(e);
		switch (e.type) {
			case 'product.upserted':
				ws.want('products', e.productId);
				break;
			case 'supplier.upserted':
				ws.want('suppliers', e.supplierId);
				break;
			case 'settings.upserted':
				ws.want('settings', SETTINGS_ID);
				break;
			case 'stock.received':
			case 'stock.quantity_received':
				ws.want('receipts', e.receiptId);
				break;
			case 'sale.completed':
				ws.want('sales', e.saleId);
				break;
			case 'refund.completed':
				ws.want('refunds', e.refundId);
				break;
			case 'ticket.saved':
				ws.want('tickets', e.ticketId);
				break;
		}
	}
	for (const productId of units.productIds()) ws.want('products', productId);
	quantities.want(ws);
	return { events, units, quantities };
}

/**
 * Projects `events` (valid, one per id) into `ws`, reading what it lacks
 * from `db`. Call inside one rw transaction on every projected table, then
 * flush the working set in it.
 */
export async function projectBatch(
	db: UnitrackDb,
	ws: WorkingSet,
	events: readonly LedgerEvent[],
	covered: Coverage
): Promise<void> {
	const { units, quantities } = plan(ws, events);
	await ws.load(db, [
		'products',
		'suppliers',
		'settings',
		'receipts',
		'sales',
		'refunds',
		'tickets',
		'quantityEvents'
	]);
	await units.load(db, ws);
	// From here to the flush nothing awaits: the batch applies in memory.
	for (const e of events) {
		switch (e.type) {
			case 'product.upserted':
				applyProduct(ws, e);
				break;
			case 'supplier.upserted':
				applySupplier(ws, e);
				break;
			case 'settings.upserted':
				applySettings(ws, e);
				break;
			case 'stock.received':
			case 'stock.quantity_received':
				applyReceipt(ws, e);
				break;
			case 'sale.completed':
				applySale(ws, e);
				break;
			case 'refund.completed':
				applyRefund(ws, e);
				break;
			case 'ticket.saved':
				applyTicket(ws, e);
				break;
			case 'units.changed':
			case 'conflict.resolved':
				break;
		}
	}
	units.settle(ws);
	quantities.settle(ws, covered);
}
